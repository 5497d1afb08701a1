// The records the OpenStack backend returns: the APIs' own JSON objects, untouched, so JSON
// output keeps the field names users know from the API reference.
export type ApiRecord = Record<string, unknown> & { id: string; name?: string | null; status?: string };
