/**
 * Common Norwegian given names: a modest list (about 250) used only to recognise a label such as
 * «Ola Nordmann, 12 år» that names a child. These are facts from public statistics:
 *
 * Source: Statistics Norway (SSB), «Navn» — the given names most common in the population and the
 * names most often given to newborns in recent years (https://www.ssb.no/befolkning/navn/statistikk/navn).
 * Compiled by hand from those tables (not a complete copy, no counts); names that are also common
 * Norwegian words and would be read as a name at every sentence start («Per», «Dag», «Liv», «Even»,
 * «Odd», «Sol», «Vår», «Storm», «Live», «Ask») are left out on purpose.
 */
export const GIVEN_NAMES_SOURCE = 'Statistics Norway (SSB), Navn: https://www.ssb.no/befolkning/navn/statistikk/navn';

export const GIVEN_NAMES: readonly string[] = [
  // Women and girls
  'Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Eva', 'Berit', 'Astrid', 'Bjørg', 'Hilde', 'Anna', 'Solveig', 'Marianne',
  'Randi', 'Ida', 'Nina', 'Maria', 'Elisabeth', 'Kristin', 'Bente', 'Heidi', 'Silje', 'Hanne', 'Gerd', 'Linda', 'Tone',
  'Tove', 'Elin', 'Anita', 'Wenche', 'Camilla', 'Ragnhild', 'Ellen', 'Karin', 'Hege', 'Ann', 'Mari', 'Marte', 'Julie',
  'Ingeborg', 'Kristine', 'Sara', 'Turid', 'Grethe', 'Monica', 'Karen', 'Aud', 'Emma', 'Nora', 'Thea', 'Sissel',
  'Martine', 'Hanna', 'Unni', 'Trine', 'Mona', 'Laila', 'Else', 'Siri', 'Irene', 'Line', 'Gunn', 'Guro', 'Cecilie',
  'Synnøve', 'Torill', 'Lene', 'Ane', 'Sofie', 'Mette', 'Kirsten', 'Vigdis', 'Helene', 'Ingvild', 'Jorunn', 'Malin',
  'Tonje', 'Marie', 'Ruth', 'Sigrid', 'Reidun', 'Lise', 'Emilie', 'Amalie', 'Maja', 'Frida', 'Ella', 'Olivia', 'Leah',
  'Sofia', 'Selma', 'Tiril', 'Hedda', 'Vilde', 'Mia', 'Alma', 'Iben', 'Oda', 'Aurora', 'Eline', 'Andrea', 'Mathilde',
  'Victoria', 'Josefine', 'Linnea', 'Jenny', 'Mina', 'Madeleine', 'Tuva', 'Synne', 'Ylva', 'Agnes', 'Hedvig', 'Ronja',
  'Amanda', 'Emilia', 'Isabella', 'Ingunn', 'Marthe', 'Stine', 'Kine', 'Karoline', 'Eli', 'Gro', 'Åse', 'Oline',
  'Lea', 'Ada', 'Luna', 'Sienna', 'Hermine', 'Tilde', 'Othilie', 'Mille', 'Nathalie', 'Jorid', 'Margit', 'Magnhild',
  // Men and boys
  'Jan', 'Bjørn', 'Ole', 'Lars', 'Kjell', 'Knut', 'Arne', 'Svein', 'Thomas', 'Hans', 'Geir', 'Tor', 'Morten', 'Terje',
  'Erik', 'Martin', 'Andreas', 'John', 'Anders', 'Rune', 'Trond', 'Tore', 'Jon', 'Harald', 'Kristian', 'Olav', 'Gunnar',
  'Nils', 'Einar', 'Magnus', 'Daniel', 'Jørgen', 'Espen', 'Stian', 'Marius', 'Christian', 'Helge', 'Frode', 'Eirik',
  'Petter', 'Steinar', 'Øyvind', 'Tommy', 'Kåre', 'Leif', 'Jostein', 'Ivar', 'Håkon', 'Henrik', 'Sindre', 'Jonas',
  'Sander', 'Mathias', 'Kristoffer', 'Tobias', 'Sebastian', 'Alexander', 'Emil', 'Jakob', 'Noah', 'Oliver', 'William',
  'Lucas', 'Filip', 'Liam', 'Aksel', 'Oskar', 'Isak', 'Elias', 'Theodor', 'Ludvig', 'Johannes', 'Adrian', 'Benjamin',
  'Vetle', 'Sverre', 'Torbjørn', 'Roar', 'Asbjørn', 'Reidar', 'Egil', 'Sigurd', 'Halvor', 'Mats', 'Fredrik', 'Jens',
  'Karl', 'Johan', 'Peter', 'Rolf', 'Atle', 'Arild', 'Vegard', 'Ola', 'Markus', 'Mikkel', 'Olai', 'Iver', 'Kasper',
  'Felix', 'Mohammed', 'Muhammad', 'Ali', 'Ahmed', 'Adam', 'Leon', 'Edvard', 'Nikolai', 'Håvard', 'Eivind', 'Ove',
  'Trygve', 'Sondre', 'Herman', 'Jesper', 'Brage', 'Teodor', 'Gustav', 'Sigve', 'Amund', 'Eskil', 'Birk', 'Tiago',
];
