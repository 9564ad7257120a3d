/**
 * Why a new submit to a provider must wait, or undefined when it may go: this month's recorded spend has
 * reached the user's monthly budget. No budget set → never blocks.
 */
export function budgetBlock(label: string, budget: number | undefined, spent: number): string | undefined {
  if (budget === undefined || spent < budget) return undefined;
  return `Monthly budget reached for ${label} (${spent.toLocaleString('en-US')} of ${budget.toLocaleString('en-US')} credits). Raise it in Options to continue.`;
}
