export function messyCsv(rows: number, seed: number): string;
