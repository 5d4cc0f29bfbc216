/**
 * The outline of the communities with an assessment on the Coverage map (issue #13, section 5), shared by the
 * layer and its key: teal, apart from the coverage fills (sector colours, the gap's oranges) and the
 * highlight's blue.
 */
export const ASSESSED_COLOUR = '#00796b';
