/**
 * The association's address block, in one place: every page footer, mail and letter (and the PDF)
 * reads it from here. Templates get it as `vereniging` (see Templates.render).
 */
export const ASSOCIATION = {
  naam: 'Vereniging van Nederlandse Gemeenten',
  postadres: 'Postbus 30435, 2500 GK Den Haag',
  bezoekadres: 'Nassaulaan 12, 2514 JS Den Haag',
  telefoon: '070 373 83 93',
  website: 'www.vng.nl',
};
