/**
 * A count and its Swedish noun phrase, singular for one: countOf(1, 'ärende', 'ärenden') is
 * "1 ärende", countOf(3, …) "3 ärenden". For Swedish text built in code (log summaries, package
 * readme, staff mail); text from the catalogue says the same with an ICU plural.
 */
export const countOf = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
