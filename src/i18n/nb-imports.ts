/**
 * Bokmål texts of the file importers' problems (KOSTRA accounts, ERP ledger, ledger, the
 * classification of municipalities, KOSTRA 11F and 15F, the statistics adapters and the
 * kommunenummer history): part of the master catalogue (spread into `nb` in nb.ts); the English
 * texts are in en-imports.ts. Field names, element names and SSB's rule ids stay as written.
 */
export const nbImports = {
  // Kommunenummer of a past period (src/services/reference/municipality-numbers.ts).
  'reference.numbers.split': '{{number}} ble senere delt, så tallene kan ikke sammenlignes med dagens kommuner.{{validThen}}',
  'reference.numbers.notValid': '{{number}} er ikke et gyldig kommunenummer i {{period}} (SSBs klassifikasjon KLASS 131).{{validThen}}',
  'reference.numbers.validThen': ' Gyldige da: {{refs}}.',

  // KOSTRA accounting file (costs/kostra-accounts-import.ts).
  'costs.kostra.lineLength': 'Linje {{line}} har {{length}} tegn. En KOSTRA-regnskapslinje har nøyaktig {{expected}} (posisjon 1–48).',
  'costs.kostra.lineTooLong': 'Linje {{line}} er lengre enn {{max}} tegn. Dette er ikke en KOSTRA-regnskapsfil (linjer på 48 tegn).',
  'costs.kostra.field': 'Linje {{line}}, {{positions}} ({{field}}): {{problem}}',
  'costs.kostra.position': 'posisjon {{from}}',
  'costs.kostra.positions': 'posisjon {{from}}–{{to}}',
  'costs.kostra.skjema': '{{value}} er ikke et skjema denne importen leser ({{known}}: kommunens drifts- og investeringsregnskap).',
  'costs.kostra.aargang': '{{value}} er ikke et år fra 2015 til {{max}}.',
  'costs.kostra.kvartal': '{{value}} må være blank (årsregnskap) eller 1–4.',
  'costs.kostra.region': '{{value}} må være kommunenummeret etterfulgt av «00» (seks sifre).',
  'costs.kostra.nineDigits': '{{value}} må være ni sifre eller blank.',
  'costs.kostra.kontoklasse': '{{value}} er ikke en kontoklasse i skjema {{skjema}}. Bruk {{allowed}} (SSB Kontroll 009).',
  'costs.kostra.funksjonShape': '{{value}} må være tre sifre etterfulgt av en blank.',
  'costs.kostra.funksjonUnknown': '{{funksjon}} er ikke en KOSTRA-funksjon i kommuneregnskapet for {{year}} (SSB Kontroll 010).',
  'costs.kostra.artShape': '{{value}} må være tre sifre.',
  'costs.kostra.artUnknown': '{{art}} er ikke en KOSTRA-art i kommuneregnskapet for {{year}} (SSB Kontroll 012).',
  'costs.kostra.belop': '{{value}} må være et helt antall 1000 kr, høyrejustert, med minus foran for inntekter (SSB Kontroll 014).',
  'costs.kostra.otherPeriod':
    'Linje {{line}} gjelder {{period}}, region {{region}}, men linje {{firstLine}} gjelder {{firstPeriod}}, region {{firstRegion}}. Én fil inneholder regnskapet til én kommune for én periode.',
  'costs.kostra.periodAnnual': '{{skjema}} {{year}} årsregnskap',
  'costs.kostra.periodQuarter': '{{skjema}} {{year}} kvartal {{quarter}}',
  'costs.kostra.notInRegion': 'kommunenummer {{number}} er ikke en kommune i regionen din.',
  'costs.kostra.notInRegionToday': 'kommunenummer {{number}} (i dag {{today}}) er ikke en kommune i regionen din.',

  // ERP ledger export (costs/ledger-erp-import.ts).
  'costs.erp.noMapping': 'Tjenesten din har ikke definert hvordan regnskapsfilen skal leses ennå. Definer det med defineLedgerMapping (docs/costs.md, «ERP ledger exports»).',
  'costs.erp.fieldCount': 'Linje {{line}} har {{count}} felt, men overskriftslinjen (linje 1) har {{width}} (skilletegn {{delimiter}}).',
  'costs.erp.columnMissing':
    'Kolonnen {{column}} ({{what}}) som oppsettet bruker, finnes ikke i overskriftslinjen i filen (linje 1: {{header}}). Rett oppsettet (defineLedgerMapping) eller eksporten.',
  'costs.erp.notDate': '{{value}} er ikke en dato på formen {{format}} (for eksempel {{example}}).',
  'costs.erp.notAmount': '{{value}} er ikke et beløp i kroner med desimaltegnet «{{decimal}}» (for eksempel {{example}}; høyst to desimaler).',
  'costs.erp.notAmountLeadingMinus': '{{value}} er ikke et beløp i kroner med desimaltegnet «{{decimal}}» (for eksempel {{example}} eller -{{example}}; høyst to desimaler).',
  'costs.erp.notAmountTrailingMinus': '{{value}} er ikke et beløp i kroner med desimaltegnet «{{decimal}}» (for eksempel {{example}}, -{{example}} eller {{example}}-; høyst to desimaler).',
  'costs.erp.notArt': '{{value}} begynner ikke med en tresifret KOSTRA-art.',
  'costs.erp.notFunksjon': '{{value}} begynner ikke med en tresifret KOSTRA-funksjon.',
  'costs.erp.unreadable': 'Kan ikke leses som {{encoding}}-tekst med skilletegnet {{delimiter}} (linje {{line}}): {{reason}}',

  // Ledger lines (costs/ledger-import.ts).
  'costs.ledger.notVoucher': '{{value}} er ikke en bilagsreferanse (1–40 bokstaver, sifre, . _ / -).',
  'costs.ledger.notPostingDate': '{{value}} er ikke en dato ÅÅÅÅ-MM-DD mellom 2000 og 2100.',
  'costs.ledger.notAccount': '{{value}} er ikke en konto (1–40 bokstaver, sifre, . -).',
  'costs.ledger.notArt': '{{value}} er ikke en tresifret KOSTRA-art.',
  'costs.ledger.notFunksjon': '{{value}} er ikke en tresifret KOSTRA-funksjon.',
  'costs.ledger.notAmountOre': '{{value}} er ikke et helt antall øre (ingen desimaler: 12,50 kr er 1250) innenfor ±10^15.',
  'costs.ledger.notKommunenummer': '{{value}} må være et firesifret kommunenummer, for eksempel «0301».',
  'costs.ledger.duplicateInFile': 'Samme bilagslinje som en tidligere linje i denne filen ({{voucher}}/{{voucherLine}}).',
  'costs.ledger.importedWithOtherValues': 'Bilag {{voucher}}/{{voucherLine}} er allerede importert med andre verdier ({{stored}}). Posteringer endres aldri: før en rettelse som en ny bilagslinje.',
  'costs.ledger.noCategory': 'Ingen kostnadskategori i regionen din dekker funksjon {{funksjon}}, art {{art}}. Legg den til i en kategori (updateCostCategory).',
  'costs.ledger.noAgreement': 'Ingen kostnadsavtale og eierkommuner gjelder for {{month}} (setCostAgreement).',
  'costs.ledger.directNeedsMunicipality': '{{category}} belastes direkte kommunen den gjelder: oppgi kommunenummeret.',
  'costs.ledger.notOwner': '{{number}} er ikke eier av {{service}} i {{month}}.',
  'costs.ledger.sharedNoMunicipality': '{{category}} fordeles etter fordelingsnøkkelen i {{month}}: la kommunenummer stå tomt.',

  // SSB's classification of municipalities (reference/classification-import.ts).
  'reference.classification.notCode': '«{{value}}» må være et firesifret kommunenummer.',
  'reference.classification.nameLength': 'Må være 1–200 tegn.',
  'reference.classification.notDate': '«{{value}}» er ikke en dato (ÅÅÅÅ-MM-DD).',
  'reference.classification.validToBeforeFrom': 'Må være etter version_valid_from ({{validFrom}}).',
  'reference.classification.record': 'Må være «item» (et element i en versjon) eller «change» (en kodeendring).',
  'reference.classification.versionDiffers': 'Annen gyldighet eller annet navn enn linje {{line}} for versjonen fra {{validFrom}}.',
  'reference.classification.overlaps': 'Versjonen {{validFrom}}–{{validTo}} overlapper {{others}}.',

  // SSB JSON-stat (statistics/adapters.ts).
  'statistics.jsonStat.dimensions': 'Et JSON-stat-datasett trenger en regiondimensjon (geo), en tidsdimensjon og en innholdsdimensjon (nøkkeltall).',
  'statistics.jsonStat.manyCategories': 'Dimensjonen(e) {{dimensions}} har mer enn én kategori. Velg én i spørringen mot SSB.',

  // KOSTRA 11F, sosialhjelp (statistics/sosialhjelp-11f.ts).
  'statistics.11f.versionNotNumber': 'VERSION (rapporteringsåret, to sifre) er ikke et tall.',
  'statistics.11f.yearNotEnded': 'Rapporteringsåret {{year}} er ikke avsluttet ennå. En 11F-fil rapporterer et avsluttet år.',
  'statistics.11f.noLayout': 'Rapporteringsåret {{year}} har ikke noe 11F-oppsett her (kjente: {{known}}).',
  'statistics.11f.otherYear': 'Denne linjen rapporterer {{year}}, tidligere linjer {{earlier}}. Én fil er ett rapporteringsår.',
  'statistics.11f.recordLength': 'En 11F-post for {{year}} har {{expected}} tegn (SSBs filbeskrivelse). Denne linjen har {{length}}.',
  'statistics.11f.kommuneNr': 'KOMMUNE_NR er ikke et firesifret kommunenummer.',
  'statistics.11f.amount': '{{name}} må være hele kroner (bare sifre), men inneholder andre tegn (SSBs Kontroll 27: Stønadssum … har ugyldige tegn).',
  'statistics.11f.amountMonth': '{{name}} for måned {{month}} må være hele kroner (bare sifre), men inneholder andre tegn (SSBs Kontroll 27: Stønadssum … har ugyldige tegn).',
  'statistics.11f.month': 'STMND_{{month}} må være «{{expected}}» eller blank (SSBs Kontroll 26: Stønadsmåneder).',
  'statistics.11f.noIdentity': 'Mottakeren har verken fødselsnummer, DUF-nummer eller journalnummer, og kan derfor ikke telles én gang.',
  'statistics.11f.sameRecipient': 'Samme mottaker som på en tidligere linje. Det skal være én post per mottaker.',
  'statistics.11f.yearNotSumOfMonths':
    'BIDRAG + LAAN for året er ikke lik summen av månedene (SSBs Kontroll 36/37, en advarsel). Årsbeløpet tas fra BIDRAG + LAAN, og månedsbeløpene for denne kommunen publiseres ikke.',
  'statistics.11f.lineTooLong': 'En linje er lengre enn 10 000 tegn. Dette er ikke en 11F-fil.',

  // npm run import (scripts/import.ts): usage and refusals.
  'cli.import.usage':
    'bruk: npm run import -- <type> FIL [--dry-run] [--format csv|json|<typens eget>] --role ROLLE [--region KODE] [--municipality NNNN] [--service KODE] [--sub NAVN] [--lang nb|en]\ntyper:\n{{kinds}}',
  'cli.import.kind': '  {{kind}} {{title}}; kolonner {{columns}}; roller {{roles}}',
  'cli.import.badOption': 'Ugyldig valg: {{reason}}',
  'cli.import.unknownKind': 'ukjent type «{{kind}}»',
  'cli.import.noSuchFile': 'finner ikke filen: {{file}}',
  'cli.import.formatOneOf': '--format må være en av {{formats}} for {{kind}}',
  'cli.import.refusedScope': 'avvist: {{reason}} (sjekk --region, --municipality, --service)',
  'cli.import.refusedBy': 'avvist: {{reason}}',
} as const;

/** KOSTRA 15F, barnevern (statistics/barnevern-15f.ts): the file's structure (SSB's XSD) and the findings of SSB's rules. */
export const nbBarnevern15f = {
  'statistics.15f.structure': '{{rule}} (filen følger ikke SSBs XSD): {{problem}}',
  'statistics.15f.finding': '{{rule}} (SSB {{title}}): {{problem}}',
  'statistics.15f.truncated': 'Filen slutter før </{{element}}> (avkortet?).',
  'statistics.15f.notXml': 'Ikke gyldig XML (linje {{line}}, kolonne {{column}}): {{reason}}.',
  'statistics.15f.notBarnevern': 'Dette er ikke en KOSTRA 15F-fil (barnevern): rotelementet er <{{element}}>, ikke <Barnevern> (SSBs KostraBarnevern.xsd).',
  'statistics.15f.notAllowed': '<{{element}}> er ikke tillatt i <{{parent}}>.',
  'statistics.15f.notAllowedOf': '<{{element}}> er ikke tillatt i <{{parent}}> (tillatt: {{allowed}}).',
  'statistics.15f.order': '<{{element}}> kommer etter <{{after}}>. Rekkefølgen i XSD-en er {{order}}.',
  'statistics.15f.tooMany': '<{{parent}}> kan ha høyst {{max}} <{{element}}>.',
  'statistics.15f.idNotUnique': 'En annen <{{element}}> for dette individet har samme Id{{id}}. XSD-en krever at den er unik.',
  'statistics.15f.noText': '<{{element}}> inneholder ingen tekst, bare elementer og attributter.',
  'statistics.15f.noIndivid': 'INDIVID_00 (SSB Individ Kontroll 00: Individ mangler): filen har ingen <Individ>.',
  'statistics.15f.noAvgiver': 'AVGIVER_00 (SSB Avgiver K0: Feil antall avgivere): filen har ingen <Avgiver>.',
  'statistics.15f.lacks': '<{{element}}> mangler <{{child}}> (påkrevd av XSD-en).',
  'statistics.15f.textLength': '<{{element}}> må inneholde {{min}}–{{max}} tegn.',
  'statistics.15f.unreadable': '{{file}} kan ikke leses: {{reason}}.',
  'statistics.15f.noContent': '{{file}} har ikke noe KOSTRA 15F-innhold.',
  'statistics.15f.secondFile': 'En fil nummer to for kommune {{number}} og {{year}} i samme import (den første er {{first}}). Send én fil per kommune og år.',
  'statistics.15f.attrNotAllowed': 'Attributtet {{name}} er ikke tillatt på <{{element}}>.',
  'statistics.15f.attrNotAllowedOf': 'Attributtet {{name}} er ikke tillatt på <{{element}}> (tillatt: {{allowed}}).',
  'statistics.15f.attrNotDate': '{{name}}{{value}} er ikke en dato (ÅÅÅÅ-MM-DD).',
  'statistics.15f.attrNotYear': '{{name}}{{value}} er ikke et år (ÅÅÅÅ).',
  'statistics.15f.attrLength': '{{name}}{{value}} må ha {{length}} tegn.',
  'statistics.15f.attrDigits': '{{name}}{{value}} må bare inneholde sifre.',
  'statistics.15f.attrNotCode': '{{name}}{{value}} finnes ikke i SSBs kodeliste ({{codes}}).',
  'statistics.15f.attrRequired': 'Det påkrevde attributtet {{name}} mangler på <{{element}}>.',
  'statistics.15f.noKommunenavn': 'Filen har ikke noe kommunenavn (Kommunenavn er blank).',
  'statistics.15f.noOrgnr': 'Filen har ikke noe organisasjonsnummer (Organisasjonsnummer er bare nuller).',
  'statistics.15f.versjonNotYear': 'Versjon {{versjon}} er ikke et rapporteringsår.',
  'statistics.15f.yearNotEnded': 'Rapporteringsåret {{year}} (Versjon) er ikke avsluttet ennå. En 15F-fil rapporterer et avsluttet år.',
  'statistics.15f.yearNotName': 'Filen rapporterer året {{year}} (Versjon), men navnet sier {{claimed}}.',
  'statistics.15f.sameFodselsnummer': 'Samme fødselsnummer som {{first}} (vises ikke).',
  'statistics.15f.sameJournalnummer': 'Samme journalnummer som {{first}} (vises ikke).',
} as const;
