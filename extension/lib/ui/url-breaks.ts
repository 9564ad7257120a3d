/**
 * Splits text after URL separators (/ ? & # = and a run of them), the places a long URL may wrap.
 * "https://a.com/x/y?q=1" → ["https://", "a.com/", "x/", "y?", "q=", "1"]. Joining the parts gives the text back.
 */
export function urlBreakParts(text: string): string[] {
  return text.match(/[^/?&#=]*[/?&#=]+|[^/?&#=]+$/g) ?? [text];
}
