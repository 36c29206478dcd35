// The reminder offsets (issue 17) as the form's one text input holds them: minutes, separated by
// commas or spaces. A word that is not a number becomes NaN, which the procedure's schema refuses
// on the field ("Enter a number"), so the browser and the server check the same rules.

export function remindersToValue(offsets: readonly number[]): string {
  return offsets.join(', ');
}

export function remindersInput(value: string): number[] {
  return value
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((word) => (/^\d+$/.test(word) ? Number(word) : Number.NaN));
}
