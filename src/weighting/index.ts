export * from './weighting-scheme';
export * from './decision-rule';
