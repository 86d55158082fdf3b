/** The files of the kernel's module, in order (under src/detect/). */
export declare const WAT_FILES: string[];
/** Their fields joined into one module's text. */
export declare function watSource(): string;
