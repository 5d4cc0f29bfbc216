/** The period of the population indicators (KSE, 2022): the denominator of per-capita figures and models. */
export const POPULATION_PERIOD = '2022-01-01';
