/** What a client sees when a session host has no CAL for it (the seed's and Windows' exact text). */
export const REFUSAL_MESSAGE =
  'The remote session was disconnected because there are no Remote Desktop client access licenses available for this computer.';
