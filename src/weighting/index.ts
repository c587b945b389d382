// Weighted voting (gewogen stemming): pure functions, no I/O. Schemes give each member its weight;
// decision rules decide a proposal from the weighted totals. See the headers of both files.
export * from './weighting-scheme';
export * from './decision-rule';
