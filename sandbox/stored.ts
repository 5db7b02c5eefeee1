// How the sandbox stores an SDK shape in its plain-JSON state (see state.ts): the base both state.ts and
// state-models.ts build on, so neither has to import the other to describe a record.

/** An SDK shape as stored: Date -> ISO string, Uint8Array -> base64 string, recursively. */
export type Stored<T> = T extends Date
  ? string
  : T extends Uint8Array
    ? string
    : T extends (infer U)[]
      ? Stored<U>[]
      : T extends object
        ? { [K in keyof T]: Stored<T[K]> }
        : T;

export type Tag = { Key: string; Value: string };
