const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a uuid; ids people type are checked before PostgreSQL rejects them with a syntax error. */
export const isUuid = (value: string): boolean => UUID.test(value);
