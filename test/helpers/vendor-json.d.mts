export interface Cell { slot: number; queue: string; channel: string; handled: number; abandoned: number; in20: number; in30: number; ab5: number; ab20: number; waitSum: number; handleSum: number }
export const SLOT: number;
export function quarterHourCells(lines: string[]): Cell[];
export function within(name: string, t: number, value: number | null): unknown;
export function connectResult(c: Cell, offsetMin?: number | null): { Dimensions: Record<string, string>; MetricInterval: Record<string, unknown>; Collections: { Metric: { Name: string; Threshold?: { ThresholdValue: number }[] }; Value: number | null }[] };
export function genesysResponse(cells: Cell[]): { results: unknown[] };
