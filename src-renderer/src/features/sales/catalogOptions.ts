/**
 * A select's options for a product or a technique: first the empty choice (`empty`: "any" in a
 * filter, "none" in the form), then each by its id; only the empty one until the list has come.
 */
export function catalogOptions(
  empty: string,
  items: readonly { id: number; name: string }[] | undefined,
): { value: string; label: string }[] {
  return [{ value: '', label: empty }, ...(items ?? []).map((item) => ({ value: String(item.id), label: item.name }))];
}
