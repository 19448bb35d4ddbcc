// Papa Parse ships no types; the benchmark uses parse() with header, step and complete only.
declare module 'papaparse';
