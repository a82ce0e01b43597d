// Appends one array to another without spreading it into arguments: `push(...list)` overflows the call
// stack once a list holds more than about a hundred thousand items (a 100 MB input can produce millions).
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
  return target;
}
