// Types of what TypeScript bench children import from generate.mjs.
export declare const GENERATED_CLOCK: Date;
export declare const GENERATED_WINDOW_DAYS: number;
