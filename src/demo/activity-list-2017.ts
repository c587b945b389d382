/**
 * The 2017 activity list of seed 002 (member letter BALV 2016, part B), as a budget CSV for one year.
 * Its structural subtotal says 25,452,000 while the items add to 25,542,000; the total 50,752,000 is
 * right. The letter does not assign compartments: management for the items named "beheer", structural
 * activities for the other structural items, innovation for the incidental ones (our assignment).
 */
export function activityList2017Csv(year: number): string {
  return [
    `type;compartment;kind;name;${year}`,
    'activity;structural_activities;structural;Taxatiewijzers WOZ;1.000.000',
    'activity;structural_activities;structural;Digitaal Klantdossier;611.000',
    'activity;structural_activities;structural;14+Netnummer;1.588.000',
    'activity;management;structural;Beheer en onderhoud aanpak NUP;950.000',
    'activity;structural_activities;structural;Realisatie en beheer Gemeentelijke Monitor Sociaal Domein;193.000',
    'activity;structural_activities;structural;Burgerzakenmodules basisregistratie personen;350.000',
    'activity;management;structural;Beheer ISD standaarden en ICT-infrastructuur;11.100.000',
    'activity;management;structural;Beheer en aanbesteding raamcontracten Sociaal Domein;250.000',
    'activity;structural_activities;structural;Informatiebeveiligingsdienst IBD;2.000.000',
    'activity;structural_activities;structural;Basisdienstverlening KING;7.500.000',
    'subtotal;;structural;Totaal structureel;25.452.000',
    'activity;innovation;incidental;Operatie BRP;1.000.000',
    'activity;innovation;incidental;Digitale Agenda;20.260.000',
    'activity;innovation;incidental;Collectieve I-voorzieningen en dienstverlening;2.000.000',
    'activity;innovation;incidental;Informatievoorziening Omgevingswet;1.950.000',
    'subtotal;;incidental;Totaal eenmalig;25.210.000',
    'total;;;Totaal 2017;50.752.000',
  ].join('\n');
}
