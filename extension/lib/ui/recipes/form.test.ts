import { describe, expect, it } from 'vitest';
import { RecipeDraft, RecipeFile } from '@/lib/extract/recipe-schema';
import { formToDraft, newField, recipesFile, recipeToForm, type RecipeForm } from './form';

const form: RecipeForm = {
  name: 'Shop',
  urls: 'https://shop.example/*',
  rowSelector: '.card',
  fields: [
    newField({ name: 'Name', selector: 'h3' }),
    newField({ name: 'Alt', selector: 'img', kind: 'attr', attr: 'alt' }),
    newField({ name: 'Detail', selector: 'a', kind: 'follow', maxPages: '2', recipeId: 'r2' }),
    newField({ name: 'Next', selector: 'a.next', kind: 'next' }),
  ],
};

describe('recipe form', () => {
  it('turns the editor state into a valid draft and back', () => {
    const draft = RecipeDraft.parse(formToDraft(form));
    expect(draft.fields.map((f) => f.value)).toEqual([
      { kind: 'text' },
      { kind: 'attr', name: 'alt' },
      { kind: 'follow', maxDepth: 1, maxPages: 2, allowOtherSites: false, recipeId: 'r2' },
      { kind: 'next', maxPages: 100 },
    ]);
    expect(recipeToForm(draft)).toEqual(form);
  });

  it('lets the schema reject a Max pages that is not a whole number', () => {
    const bad = { ...form, fields: [newField({ name: 'D', kind: 'follow', maxPages: 'ten' })] };
    expect(RecipeDraft.safeParse(formToDraft(bad)).success).toBe(false);
  });

  it('exports a file that the importer accepts', () => {
    const recipe = { ...RecipeDraft.parse(formToDraft(form)), id: 'r1', version: 3, createdAt: 1, updatedAt: 2 };
    expect(RecipeFile.parse(JSON.parse(recipesFile([recipe]))).recipes[0]).toEqual(recipe);
  });
});
