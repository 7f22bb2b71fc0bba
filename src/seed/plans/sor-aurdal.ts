import { PlanDocument } from './document';

/**
 * Sør-Aurdal kommune, "Plan for forebyggende arbeid for barn, unge og familier fram mot 2030":
 * the foreword and the law it quotes, "Formål" (its five goal statements under the two
 * satsningsområder, as goals with sub-goals), "Mandat", "Forankring", the definitions, the eight risk
 * and seven protective factors (one from age 8) and KS's seven recommended risk groups, "Barnets beste",
 * the duty of confidentiality, the challenge picture, the duty to cooperate, the 33 measures of the
 * tables 3.2–3.4 (description, target group and its ages where printed, responsible, level; the
 * innsatsteam on two levels, "helst på selektert nivå") and the eight needs and proposed measures
 * of chapter 4 (one already carried out), the three-step collaboration model with its consent rules
 * and referral routes, the long-term changes, and the implementation rules with the yearly review.
 * Texts are the plan's own words; table cells are turned into lines ("- " for bullets). What is
 * left out and what is illustrative is said in `sourceNote` and `illustrativeNote`.
 */
export const SOR_AURDAL: PlanDocument = {
  title: 'Plan for forebyggende arbeid for barn, unge og familier fram mot 2030',
  periodStartYear: 2025,
  periodEndYear: 2030,
  municipalityNumbers: ['3449'],
  sourceNote:
    'Sør-Aurdal kommune: «Plan for forebyggende arbeid for barn, unge og familier fram mot 2030». Ikke lagt inn: «Oppbygning», oversikten over tjenester med kontaktlenker (4.1), figurene (bærekraftsmålene, tiltakspyramiden, flytskjemaet) og kildelisten.',
  illustrativeNote: 'Planperiodens start (2025) er illustrativ: planen sier bare «fram mot 2030».',
  statements: [
    {
      kind: 'LEGAL_BASIS',
      title: 'Forord',
      text: 'Kommunen skal fremme gode oppvekstvilkår gjennom tiltak for å forebygge at barn og unge utsettes for omsorgssvikt eller utvikler atferdsproblemer. Kommunen skal sørge for å samordne sitt tjenestetilbud til barn og familier.\n\nKommunestyret selv skal vedta en plan for kommunens forebyggende arbeid etter første ledd. Planen skal beskrive hva som er målene for arbeidet, hvordan arbeidet skal organiseres og fordeles mellom etatene i kommunen, og hvordan etatene skal samarbeide',
      reference: 'barnevernsloven § 15-1',
    },
    {
      kind: 'BACKGROUND',
      title: 'Forord',
      text: 'Barnevernsreformen, også kjent som oppvekstreformen, trådte i kraft 1. januar 2022.\n\nReformen er en samhandlingsreform som skal bidra til å styrke tidlig innsats og forebyggende arbeid for barn, unge og deres familier. Reformen er forankret i barnevernsloven § 15-1, som fremhever kommunens ansvar for å fremme gode oppvekstvilkår gjennom tiltak for å forebygge at barn og unge utsettes for omsorgssvikt eller utvikler atferdsproblemer. Formålet er at utsatte barn og unge som trenger det, skal få riktig hjelp fra riktig instans til rett tid. Dette innebærer at barn og unge skal få hjelp som er tilpasset deres behov, før utfordringer vokser seg store og alvorlige. God forebygging skal motvirke at inngripende og omfattende barnevernstiltak må iverksettes.\n\nReformen stiller tydelige krav til kommunens tverrfaglige arbeid med tidlig innsats og forebygging for barn og unge. Kommunen skal sørge for å samordne sitt tjenestetilbud til barn og familier, og vedta en plan for å forebygge at barn og unge utsettes for omsorgssvikt eller utvikler atferdsproblemer.\n\nForebyggende plan i Sør-Aurdal kommune, er utarbeidet med utgangspunkt i de nasjonale føringene som er gitt gjennom oppvekstreformen, og beskriver kommunens forebyggende arbeid for barn og unge. Planen skal bidra til å fremme god helse og trivsel, og forebygge omsorgssvikt og atferdsproblemer. Planen skal gi en oversikt over det forebyggende arbeidet for barn og unge i kommunen, og være retningsangivende for hvordan samordning på tvers av fagområder skal foregå.\n\nPlanen skal beskrive:\n- hva som er målene for arbeidet\n- hvordan arbeidet skal organiseres og fordeles mellom etatene i kommunen\n- hvordan etatene skal samarbeide',
    },
    {
      kind: 'PURPOSE',
      title: 'Formål',
      text: 'Forebyggende plan bygger som nevnt på målsetting og strategier i kommunens samfunnsdel, og på følgende satsningsområder i kommunens temaplaner:',
    },
    {
      kind: 'MANDATE',
      title: 'Mandat for forebyggende plan',
      text: 'Planen skal bidra til å styrke Sør-Aurdal kommunes samlede innsats for å forebygge at barn og unge utsettes for omsorgssvikt eller utvikler atferdsproblemer. Den skal bidra til at alle barn og unge får tidlig, riktig og samordnet hjelp gjennom et helhetlig tjenestetilbud, der innsatsen rettes dit behovene er størst. Forebyggende arbeid skal være systematisk og målrettet:\n- Samarbeid: Tjenestene skal arbeide tverrfaglig og samordnet når det er behov for det. Alle som jobber med barn, unge og familier skal være bevisste sitt ansvar, følge etablerte rutiner og bidra med sin kompetanse. Ansatte skal vise respekt for hverandres profesjoner og bidra til å se et helhetlig bilde av barnets situasjon.\n- Tiltak: Kommunen har mange forebyggende tiltak som når alle barn og unge. Vi skal også kartlegge risikofaktorer og beskyttelsesfaktorer, sette inn riktige tiltak tidlig nok og følge opp lenge nok til at varig endring oppnås.',
    },
    {
      kind: 'LEGAL_BASIS',
      title: 'Velferdstjenestelovgivningen',
      text: 'Plan for forebyggende arbeid for barn, unge og familier fram mot 2030 i Sør-Aurdal kommune er forankret i barnevernsloven, men omfatter alle etater i kommunen som arbeider med barn, unge og familier. I 2022 trådte det i kraft nye bestemmelser i hele 14 ulike velferdslover som skal bidra til bedre samarbeid for å gi barnet eller ungdommen et helhetlig og samordnet tjenestetilbud. Denne planen skal bidra til å ivareta kommunens samarbeids- og samordningsplikt knyttet til forebygging og tidlig innsats, jf. regjeringen, Prop. 100 L \\(2020–2021\\) kap. 5, Endringer i velferdstjenestelovgivningen.',
      reference: 'Prop. 100 L (2020–2021) kap. 5',
    },
    {
      kind: 'RELATED_PLAN',
      title: 'Kommuneplanens samfunnsdel og temaplaner',
      text: 'Forebyggende plan i Sør-Aurdal kommune er forankret i kommuneplanens samfunnsdel, Temaplan for Oppvekst og kultur mot 2030 og Temaplan Helse og Omsorg mot 2030. Disse styringsdokumentene er overordnede, og legger føringer for målsettingene i planene. FNs bærekraftsmål ligger til grunn for kommuneplanens samfunnsdel og kommunens temaplaner, og følgelig også for den forebyggende planen. Følgende tre mål er særlig aktuelle i denne planen:\n3 GOD HELSE OG LIVSKVALITET\n4 GOD UTDANNING\n17 SAMARBEID FOR Å NÅ MÅLENE',
    },
    {
      kind: 'RELATED_PLAN',
      title: 'Folkehelseoversikten, Sør-Aurdal kommune 2024-2027',
      text: 'Folkehelseoversikten gir en systematisk oversikt over befolkningens helse, identifiserer helseutfordringer og synliggjør både risikofaktorer og beskyttende faktorer. Oversikten bidrar til nødvendig og kunnskapsbasert innsikt i faktorer kommunen må være spesielt oppmerksom på i det forebyggende arbeidet for barn, unge og familier.',
    },
    {
      kind: 'RELATED_PLAN',
      title: 'Oppvekstløftet for barn og unge i Valdres',
      text: 'Valdreskommunene har samarbeidet med Høgskolen i Innlandet om å styrke laget rundt barna i regionen, med støtte fra Statsforvalteren. Satsingen skal bidra til at kommunalt ansatte som har ansvar for barn og unge, sammen med foreldre, skal styrke sin samhandling og forebyggende innsats for at flere barn og unge i Valdres skal få riktig og koordinert hjelp tidlig nok og lenge nok. Sluttrapporten, Oppvekstløftet for unga i Valdres, ligger til grunn for forebyggende plan for barn, unge og familier i Sør-Aurdal kommune.',
    },
    {
      kind: 'DEFINITION',
      title: 'Omsorgssvikt',
      text: 'Når barnet ikke får dekket sine behov\nOmsorgssvikt er når barnet ikke får dekket fysiske, psykiske eller følelsesmessige behov, og barnet ikke får den omsorgen og beskyttelsen det trenger hjemme.\n\nForeldrenes egne utfordringer\nOmsorgssvikt kan skyldes psykiske problemer hos foreldre, eller det kan handle om alkohol- eller rusmisbruk, eller kriminalitet. Noen barn kan også oppleve at foreldrene har en så omfattende konflikt seg imellom at omsorgssituasjonen blir skadelidende. Andre barn opplever å bli utsatt for fysisk vold, eller de kan oppleve at far, mor eller søsken blir utsatt for vold.\n\nMestrer ikke grunnleggende omsorg\nNoen foreldre mestrer ikke den helt grunnleggende omsorgen, som å gi barnet godt stell, nok mat og nok klær, og setter dermed barnet i en situasjon preget av vanskjøtsel. Andre foreldre utsetter barnet for psykisk mishandling. Noen foreldre forgriper seg seksuelt på eget barn, eller lar andre voksne forgripe seg seksuelt på barnet.\n\nMestre barn med særskilte behov\nEnkelte foreldre kunne ha mestret et barn med vanlige omsorgsbehov, men mestrer ikke et barn med særskilte behov, for eksempel barn som har nedsatt funksjonsevne eller psykisk eller somatisk sykdom. Barn kan også utvikle eget rusmisbruk eller andre problemer som gjør det vanskelig eller for krevende for foreldrene å ta godt nok vare på dem.\n\nKilde: <https://www.bufdir.no/barnevern/omsorgssvikt/>',
    },
    {
      kind: 'DEFINITION',
      title: 'Atferdsproblemer',
      text: 'Atferdsproblemer er handlinger som bryter med alminnelige forventninger, normer og regler for akseptabel sosial atferd, og som skaper vansker for individet selv eller omgivelsene. Problemene kan komme til uttrykk både gjennom utagering (som aggressiv eller regelbrytende atferd) og innagering (som tilbaketrekning, passivitet eller angst), Ogden, 2015.',
    },
    {
      kind: 'KNOWLEDGE_BASE',
      title: 'Risikofaktorer og beskyttelsesfaktorer',
      text: 'Forebyggende arbeid krever at vi starter tidlig, og tenker helhetlig og langsiktig. God forebygging handler om å legge til rette for gode, trygge og inkluderende oppvekstmiljø, og må skje der barn og unge befinner seg. Mange av barna vi er mest bekymret for viser ikke så mange tegn eller veldig svake tegn. Barn kan tåle å stå i en dårlig barndom veldig lenge, spesielt når de er små.\n\nKunnskap om risikofaktorer gir derfor bedre prediksjon enn symptomer. Kommuner som baserer tidlig innsats på symptomvurderinger vil glippe på omtrent halvparten av de mest risikoutsatte barna i de fire til seks første leveårene (Kvello, 2023). Forebyggende arbeid og tidlig innsats må derfor baseres på kunnskapen om:\n1. Risiko- og beskyttelsesfaktorer\n2. Barns passering av utviklingsmilepæler\n3. Kjennskap til foreldrenes fungering\n4. Vurdering av kvaliteten i samspillet mellom foreldre og barn.\n\nKunnskap om risiko og beskyttelse er i stor grad en forutsetning for å kunne sette inn tiltak tidlig, før problemene utvikler seg. God forebygging handler om å styrke beskyttelsesfaktorene og redusere risikofaktorene:\n\nKilde: <https://korus.no/verktoy-og-kartlegging/slik-jobber-din-kommune-med-forebyggende-plan>',
    },
    {
      kind: 'PRINCIPLE',
      title: 'Barnets beste vurdering',
      text: 'Barnekonvensjonen art. 12 og Grunnloven § 104 sier at det beste for barnet skal være et grunnleggende hensyn i alle saker som omhandler barn. Vurdering av barnets beste skal derfor alltid ligge til grunn når tiltak eller avgjørelser berører barn og unge. Dette innebærer å innhente kunnskap om barnets situasjon, behov og eventuelle sårbarheter, og å lytte til barnets egen stemme. Vurderingen bør bygge på både fagkunnskap og innsikt i barnets hverdag, og den skal sikre at barn opplever trygghet, omsorg og et godt miljø. I arbeidet med å forebygge omsorgssvikt og utagerende adferd betyr dette at tiltak må utformes med utgangspunkt i det enkelte barns beste, der barnets rett til å bli hørt og bli tatt på alvor er et sentralt prinsipp.',
    },
    {
      kind: 'KNOWLEDGE_BASE',
      title: 'Taushetsplikt i tverrfaglig samarbeid',
      text: 'Samarbeid mellom tjenester som skole/barnehage, helsestasjon, PPT, BUP, barnevern og andre instanser kan være både nødvendig og avgjørende for å kunne gi barn og unge et sammensatt og helhetlig tjenestetilbud. Samtidig har alle som utfører tjenester eller arbeid innenfor disse tjenestene taushetsplikt. Hensynet til reglene om taushetsplikt er viktig og tungtveiende, både for å bygge tillit, og for å beskytte personvern og integritet. Samarbeid mellom tjenestene må derfor skje i tråd med gjeldende lovverk om taushetsplikt og informasjonsdeling.\n\nFor i størst mulig grad unngå at taushetsplikten er til hinder for samarbeid mellom tjenestene, er det det nødvendig med en bevisst og faglig fundert tilnærming og praktisering av gjeldende regelverk. Dette forutsetter at tjenestene må ha god kunnskap om reglene om taushetsplikt og unntak for taushetsplikt, opplysningsrett og opplysningsplikt, slik at samarbeid kan foregå innenfor gjeldende rettslige rammer. Ansatte må kjenne godt til hvilke begrensninger, men også hvilket handlingsrom taushetsplikten gir.\n\nBåde justis- og beredskapsdepartementet, og helsedirektoratet har utarbeidet veiledere som beskriver regler og tolkning av forhold ved taushetsplikten. Helsedirektoratet framholder at samtykke er det viktigste grunnlaget for å dele opplysninger i enkeltsaker.\n\nFor mer informasjon om taushetsplikt, opplysningsrett og opplysningsplikt kan de nasjonale veilederne leses her:\n- Helsedirektoratet: Samarbeid om tjenester til barn, unge og deres familier\n- Justis- og beredskapsdepartementet: Taushetsplikt, opplysningsrett og opplysningsplikt i forvaltningen – en veileder',
    },
    {
      kind: 'KNOWLEDGE_BASE',
      title: 'Utfordringsbilde i Sør-Aurdal',
      text: 'Datagrunnlaget for oppvekst og levekår for kommunens barn og unge i denne planen er hentet fra den årlige Folkehelseprofilen og Oppvekstprofilen, Ungdataundersøkelsen som gjennomføres hvert tredje år, Tilstandsrapport 2024 for interkommunal barneverntjeneste i Valdres, samt sluttrapporten Oppvekstløftet for unge i Valdres. I tolkningen av resultater må det tas hensyn til at det alltid er noe statistisk usikkerhet knyttet til prosentene som oppgis. Usikkerheten er størst i undersøkelser der datagrunnlaget er lite. Det er derfor viktig at data tolkes i lys av lokale forhold og kunnskap.\n\nOppvekst og levekår\n\nTall hentet fra Oppvekstprofilen i Sør-Aurdal for 2024 viser andelen barn og unge som vokser opp med levekårsforhold som kommunen bør være særlig oppmerksom på i det forebyggende arbeidet. Barn i disse grupperingene kan være spesielt sårbare/utsatt, og trenger ekstra hjelp, oppfølging og støtte for å forebygge sosiale vansker og utenforskap. Profilen viser at andelen barn/unge i Sør-Aurdal, presentert under, enten er lavere, eller ikke signifikant forskjellig fra landet som helhet.\n- Barn (0-17 år) som bor i husholdninger med vedvarende lav inntekt: 9,8 %\n- Barn (0-17 år) i familier som har mottatt sosialhjelp minst én gang i løpet av året: 3,6 %\n- Barn (0-17 år) som bor trangt: 12 %\n- Barn (0-17 år) i kommunen per 1.1.2023 som er innvandret eller norskfødt med innvandrerforeldre: 9,3 %\n- Unge (15-24 år) som står utenfor: 4,1 %\n- Gjennomføring i videregående opplæring: 79 %\n\nUnges helse og trivsel\n\nMange ulike faktorer har betydning for unges helse og trivsel. Både Folkehelseoversikten og Ungdata-undersøkelsen gir et bilde av hvordan ungdom i Sør-Aurdal kommune har det. Selv om det store flertallet av ungdom i Sør-Aurdal rapporterer om at de har et godt liv, viser rapportene også at det er faktorer kommunen bør være spesielt oppmerksom på i det forebyggende arbeidet for barn og unge.\n\nUngdataundersøkelsen viser at andelen ungdomsskoleelever i Sør-Aurdal som rapporterer at de har hatt mange psykiske plager i løpet av de siste 7 dager er økende, fra 5 % i 2013 til 27 % i 2024. I tillegg viser rapporten at andelen ungdom som er fornøyd med egen helse er synkende. Det er flere jenter enn gutter i kommunen som rapporterer om psykiske plager, stress og press, følelse av mestring, følt seg nyttig, engasjement og tilhørighet og fremtidstro lokalt. 9 av 10 elever oppgir at de har nære og fortrolige venner, og andelen som opplever ensomhet er lav.\n\nMange unge sover for lite, har vansker med å sovne, og rapporterer at dette går utover skole og fritid. Det er også noe mer skjermbruk blant ungdom i Sør-Aurdal enn i resten av landet. Ungdomsskoleelever flest har likevel en aktiv fritid med trening og organiserte fritidsaktiviteter, 55 % oppgir at de er med i en organisasjon, klubb eller lag, og 73 % oppgir at de trener minst en gang i uka. Folkehelseoversikten viser at unge (17 år) ligger betydelig over fylkes- og landsgjennomsnittet på overvekt (37 %).\n\nUngdata 2024 viser at ganske mange ungdomsskoleelever rapporterer at de kjeder seg på skolen, og en del elever gruer seg til å gå på skolen. Ungdom i Sør-Aurdal føler seg trygge i lokalmiljøet, men ikke alle er like fornøyd med lokalmiljøet der de bor.\n\nBarnevern:\n\nInterkommunal barnevernstjeneste i Valdres rapporterer om 27 meldinger fra Sør-Aurdal i 2024. De fleste meldingene handlet om bekymring for foreldres psykiske lidelse, barn utsatt for fysisk vold, foreldrenes manglende beskyttelse av barnet, høy grad av konflikt hjemme og rusmisbruk av foreldre. I det forebyggende arbeidet er dette viktige faktorer å være oppmerksom på.\n\nTidlig alkoholbruk\n\nTidlig alkoholdebut er et viktig forebyggingstema. Å debutere tidlig med alkohol øker sannsynligheten for skader eller andre negative opplevelser i ungdomstiden, og for et problematisk forhold til rusmidler senere i livet, jf. Ungdata 2024, Sør-Aurdal kommune.\n\nPå ungdomsskolen har de færreste begynt å drikke alkohol. Ungdata-undersøkelsen i Sør-Aurdal kommune 2024 viser likevel en økning i antall elever på ungdomstrinnet som svarer at de har vært beruset på alkohol det siste året, fra 8 % i 2021 til 22 % i 2024. Undersøkelsen viser også at 24 % av elevene ikke vet om de får lov til å drikke alkohol, mens 9 % svarer at de får lov til å drikke alkohol av foreldrene sine.\n\nI vurderingen av tallene må det tas hensyn til om svarene på undersøkelsen er representative for kommunen som helhet. En ser av tidligere undersøkelser at tallene svinger noe. Ungdata-undersøkelsen gjennomføres hvert tredje år, og nye tall forventes i 2027.\n\nSamarbeid, konklusjonene i Oppvekstløftet\n\nOppvekstløftet i Valdres viser at arbeidet med barn og unge ofte preges av ukoordinert innsats, uklare styringslinjer og manglende felles eierskap. Tiltak iverksettes for sent, og overganger mellom tjenester er utydelige. Profesjonskamp og ulik tolkning av taushetsplikt kan svekke samhandlingen. Tydelige styringslinjer, klare roller og en delingskultur som fremmer samarbeid på tvers av tjenester er nødvendig for å forbedre tjenestene.',
    },
    {
      kind: 'LEGAL_BASIS',
      title: 'Plikt til å samarbeide når det er nødvendig',
      text: 'Den enkelte tjeneste har plikt til å vurdere om samarbeid med andre tjenester/ instanser er nødvendig for å gi barn og unge et helhetlig og samordnet tjenestetilbud. Nødvendighetskravet skal ikke tolkes strengt. Det kan være nødvendig å samarbeide selv om behovet for hjelp er kortvarig.\n\nSamarbeidsplikten på individnivå står omtalt i følgende lovverk:\n- barnevernsloven § 15-8\n- familievernkontorloven § 1 a\n- opplæringsloven § 24-1\n- spesialisthelsetjenesteloven § 2-1 e\n- privatskoleloven § 3-6 a\n- barnehageloven § 2 b\n- NAV-loven § 15 a\n- krisesenterloven § 4\n- sosialtjenesteloven § 13\n- helse- og omsorgstjenesteloven § 3-4\n- tannhelsetjenesteloven § 1-4 a\n- integreringsloven § 50\n\nBeskrivelse av hvordan samarbeid mellom tjenestene i Sør-Aurdal kommune skal organiseres, er beskrevet under kapittel 4, Modell for samhandling i denne planen.',
    },
    {
      kind: 'DEFINITION',
      title: 'Samarbeidsplikten',
      text: 'Samarbeidsplikten inntreffer når tjenestene har plikt til å samarbeide på individnivå når det nødvendig for at barnet/den unge skal få et helhetlig og samordnet tjenestetilbud.',
    },
    {
      kind: 'DEFINITION',
      title: 'Samordningsplikten',
      text: 'Samordningsplikten skal sørge for at en kommunal tjeneste får hovedansvaret for samordning av tjenestene når tjenestene har plikt til å samarbeide på individnivå.',
    },
    {
      kind: 'DEFINITION',
      title: 'Samordner',
      text: 'Samordner er en fagperson/kontaktperson som leder samarbeidet når to eller flere tjenester er involvert, og der det ikke er behov for koordinator/barnekoordinator etter helselovgivningen.',
    },
    {
      kind: 'KNOWLEDGE_BASE',
      title: 'Kartlegging av forebyggende tiltak og ressurser',
      text: 'Det er i forbindelse med Oppvekstreformen og utarbeiding av denne planen gjennomført en omfattende kartlegging av tjenester for tidlig innsats og forebyggende arbeid i Sør-Aurdal kommune. Kartleggingen er gjennomført i kommunens egne tjenesteområder og hos samarbeidende instanser, og omfatter kartlegging av eksisterende forebyggende tiltak, kompetanse, verktøy og tverrfaglig samarbeid. Kartleggingen ligger til grunn for presentasjonen av kommunens forebyggende tiltak i denne planen, delt inn i tre ulike nivåer: universelt, selektivt og indikert nivå.\n\nUniverselle tiltak omfatter innsats rettet mot alle barn/ unge/ foreldre/foresatte eller grupper uten at det er identifisert individ eller grupper med forhøyet risiko. Eksempler på dette kan være: svangerskapskontroll, helsestasjonsprogram, foreldremøter, nettverkstreff med videre.\n\nSelektive tiltak er rettet mot barn/ unge/ foreldre/foresatte eller grupper med kjent og/eller forhøyet risiko (se risikofaktorer) for å utvikle problemer. Disse tiltakene skal hjelpe til med å motvirke negativ utvikling. Eksempler på dette kan være: foreldreveiledning, tilrettelegging, tverrfaglige samarbeidsmøter, barnesamtaler med videre.\n\nIndikerte tiltak er rettet mot individ med høy risiko eller klare tegn på utfordringer. Eksempler på dette kan være: ansvarsgrupper, familieveiledning, innsatsteam, psykisk helsehjelp med videre.\n\nSør-Aurdal kommune skal nå bredt ut med sine forebyggende tiltak, og treffe behovene til barn og unge. I tabellen nedenfor er tiltakene sortert og fargekodet, for å synliggjøre hierarkiet av tiltak. En slik liste vil være i kontinuerlig endring og listen over tiltak er derfor ikke uttømmende. De ulike tjenesteområdene har god oversikt over kommunens tiltak for barn og unge, og ansatte i Sør-Aurdal kommune har også tilgang til kartleggingen som er gjort i forbindelse med denne planen. Tiltakene tar utgangspunkt i tiltakspyramiden, som synliggjør på hvilket nivå tiltaket er rettet mot.',
    },
    {
      kind: 'CONSENT_RULE',
      text: 'Samtykke fra foresatte skal alltid innhentes når loven krever det. Dette er et felles ansvar for alle ansatte.',
    },
    { kind: 'CONSENT_RULE', text: 'Henvisning skal alltid bygge på samtykke og dokumentert kartlegging.' },
    {
      kind: 'KNOWLEDGE_BASE',
      title: 'Styrker ved det forebyggende arbeidet i Sør-Aurdal kommune',
      text: '- Grunntjenestene og støttetjenestene har til sammen svært mange og varierte tiltak som tilbys og benyttes i det forebyggende arbeidet for barn, unge og deres familier. Kommunen er slik godt rustet til å ivareta barn og unges behov, og treffe tiltak som kan skreddersys det enkelte barn/ungdom og deres familie.\n- Kommunen tilbyr både universelle tiltak for alle barn og unge, og spesifikke tiltak for enkeltindivider og/eller grupper.\n- Det er bred kompetanse innenfor varierte fagmiljø både kommunalt og interkommunalt, og det legges til rette for både kursing og videreutdanning for ansatte for å styrke og vedlikeholde kompetansen.\n- Tjenestene har varierte kartleggingsverktøy som benyttes i undersøkelser og utredninger, og kan tilby et bredt spekter av ulike program og verktøy i møtet med etablerte utfordringer.\n- Oppdaterte planer på tjenestenivå som beskriver både etablerte tiltak og handlingsforløp på ulike områder i det forebyggende arbeidet.\n- Det oppleves at samarbeid mellom tjenester og instanser fungerer godt når dette er vel etablert, og rolleavklaringer i samarbeidet er tydelig.\n- Det oppleves at det er enkelt å involvere andre tjenester og støttefunksjoner ved behov når dette er avklart.\n- Sør-Aurdal kommune er en liten kommune med trygge oppvekstforhold, med en del varierte tilbud for barn og unge.',
    },
    {
      kind: 'RECOMMENDATION',
      title: 'Forslag til langsiktige endringer',
      text: 'Forebygging er et kontinuerlig, langsiktig, helhetlig og systematisk arbeid på alle tjenestenivåer. Ny kunnskap, tverrfaglighet, gjensidig forståelse, organisering, struktur og system må hele tiden være gjenstand for evaluering og utvikling. For å sikre en bærekraftig, varig og ønsket utvikling av arbeidet i et mer langsiktig perspektiv, foreslås følgende:\n- Fortsette utviklingen av samarbeid på systemnivå.\nVed revidering, og når modell for samhandling i denne planen har fått virke en stund, bør det gjøres en vurdering av om det er behov for mer systematisk tilnærming til tverrfaglig innsats, eksempelvis ved innføring av BTI-modellen, bedre tverrfaglig innsats.\n- Prioritering av ressurser\nForebyggende arbeid krever tid, ressurser og rett kompetanse. Arbeidet må prioriteres på kommune – og ledelsesnivå, særlig med tanke på omstillingsprosessen kommunen nå står i.\n- Kultur for samhandling.\nArbeide målrettet med å videreutvikle en kultur som verdsetter samhandling og samarbeid, med fokus på rolleklarhet, ansvarliggjøring, profesjonalitet og framsnakking. Workshops/case-arbeid, gjennomgang av rutiner, refleksjonsøkter og lignende er eksempler på arbeidsformer som kan være nyttige i denne forbindelse.\n- Kompetanseheving\n- Behov for mer kunnskap om lovverk som omhandler forebyggende arbeid i de ulike sektorene\n- Kunnskaps/forskningsbasert tilnærming til tiltak\n- Videreutvikle felles forståelse av det forebyggende arbeidet\n- Grunnleggende syn på barnet og barnets utvikling\n- Sikre medvirkning\n- Trene tverrfaglig på problemstillinger',
    },
    {
      kind: 'IMPLEMENTATION',
      title: 'Implementering',
      text: 'Den forebyggende planen er utarbeidet gjennom bred involvering av alle tjenester og samarbeidende instanser som arbeider for og med barn, unge og familier i Sør-Aurdal kommune. Planen er forankret på alle nivå, i aktuelle lovverk og overordnede kommunale styringsdokumenter, i kommunens ledelse og videre i de ulike tjenesteområdene. Planen vedtas av kommunestyret, som sikrer politisk forankring og prioritering av ressurser. Planen er forpliktende for ansatte i Sør-Aurdal kommune.\n\nImplementering av planen krever helhetlig og samordnet innsats på tvers av sektorer og nivåer. Planen skal iverksettes og eies av alle tjenester som jobber med barn, unge og deres familie i Sør-Aurdal kommune. Planen skal tilgjengeliggjøres i kommunens system for interkontroll, Compilo, og på kommunens hjemmeside. Ansatte som jobber med barn og unge skal i tillegg ha tilgang til kartleggingen av tiltak som ble gjort i forbindelse med utarbeiding av planen.\n\nFor å sikre at planen implementeres på alle nivå, gjelder følgende:\n1. Tjenesteleder/virksomhetsleder i hver tjeneste/instans som denne planen retter seg mot, skal gjennomgå den med alle ansatte når planen er vedtatt.\n2. Tjenesteleder/virksomhetsleder har ansvar for at planen gjennomgås en gang per år etter innføring. Tjenesten skal i denne forbindelse også evaluere egne tiltak i kartleggingsoversikten, og gi beskjed til kommunalsjef dersom tiltak skal endres/ tilføyes eller fjernes.\n3. Tjenesteleder/virksomhetsleder har ansvar for å gjøre planen kjent for nye ansatte.\n4. Ansatte har ansvar for å sette seg inn i planen, herunder spesielt risiko- og beskyttelsesfaktorer, og modell for samhandling.\n5. Kommunalsjef har ansvar for å følge opp sin tjeneste, og vurdere behov for samhandling mellom tjenestene i form av workshops, case, kurs eller lignende.',
    },
    {
      kind: 'REVIEW_RULE',
      title: 'Årlig gjennomgang',
      text: 'Tjenesteleder/virksomhetsleder har ansvar for at planen gjennomgås en gang per år etter innføring. Tjenesten skal i denne forbindelse også evaluere egne tiltak i kartleggingsoversikten, og gi beskjed til kommunalsjef dersom tiltak skal endres/ tilføyes eller fjernes.',
    },
  ],
  goals: [
    {
      title: 'Satsningsområde Oppvekst og kultur',
      subGoals: [
        {
          title: 'Sør-Aurdal skal være en varm og omsorgsfull kommune, der alle som vokser opp i kommunen har en god barndom og en trygg oppvekst, preget av omsorg og inkludering.',
        },
        {
          title: 'Sør-Aurdal kommune skal være en kunnskapsrik kommune, der barn og ungdom opplever utvikling og mestring på sitt nivå.',
        },
      ],
    },
    {
      title: 'Satsningsområde Helse og omsorg',
      subGoals: [
        { title: 'I Sør-Aurdal skal innbyggeren ha en verdig hverdag gjennom hele livsløpet.' },
        { title: 'Gjennom medvirkning mottar innbyggerne i Sør-Aurdal rett tjeneste til rett tid og varighet.' },
        { title: 'I Sør-Aurdal optimaliseres tjenestene gjennom samskaping og innovasjon.' },
      ],
    },
  ],
  factors: [
    { kind: 'RISK', code: '1', title: 'Skadelige omsorgsformer', description: 'Neglekt og omsorgssvikt.' },
    {
      kind: 'RISK',
      code: '2',
      title: 'Alvorlige krenkelser',
      description: 'Alle former for vold; psykisk, fysisk, seksuell og emosjonell vold.',
    },
    {
      kind: 'RISK',
      code: '3',
      title: 'Emosjonell utilgjengelighet/fjernhet hos foresatte',
      description: 'Følelsesmessig kulde eller negativisme overfor eget barn, eller ikke tilgjengelige for barnet.',
    },
    { kind: 'RISK', code: '4', title: 'Rusmiddelbruk' },
    {
      kind: 'RISK',
      code: '5',
      title: 'Alvorlige former for psykiske lidelser hos foresatte',
      description: 'Alvorlige former for depresjon, personlighetsforstyrrelser eller vrangforestillinger.',
    },
    {
      kind: 'RISK',
      code: '6',
      title: 'Utviklingsvansker som ikke blir forstått og hjulpet',
      description:
        'For eksempel dysleksi, dyskalkuli og lærevansker, psykisk utviklingshemming, autisme, ADHD, Tourettes eller en alvorlig språkvanske. Barn med psykiske og fysiske funksjonsnedsettelse er mer sårbare og mer utsatt for risikosituasjoner, vold og overgrep enn andre barn.',
    },
    {
      kind: 'RISK',
      code: '7',
      title: 'Skadelig psykososialt miljø i barnehage og skole',
      description: 'For eksempel mobbing, hyppig utskiftning av voksne, manglende voksenstøtte, tilsyn og trygghet.',
    },
    {
      kind: 'RISK',
      code: '8',
      title: 'Levekårsutfordringer',
      description: 'Mangler i boligforhold, relativ fattigdom, multistressende miljø.',
    },
    {
      kind: 'PROTECTIVE',
      code: '1',
      title: 'Aldersadekvat fungering på samtlige kompetanseområder',
      description: 'Kognitivt/språk, atferd/moral, emosjonelt, sosialt og motorisk.',
    },
    { kind: 'PROTECTIVE', code: '2', title: 'En venn', description: 'Tilhørighet til et sosialt fellesskap.' },
    {
      kind: 'PROTECTIVE',
      code: '3',
      title: 'En fritidsinteresse før 8 år',
      description: 'Vi må hjelpe alle barn til å finne noe de liker å gjøre, slik at de fra 8-års alder har en hobby/fritidsinteresse, og kan oppleve mestringfølelse.',
      ageFrom: 8,
    },
    {
      kind: 'PROTECTIVE',
      code: '4',
      title: 'Sosial tilpasning',
      description:
        'Hjelp til å tilpasse seg godt til barnehage og skole, slik at barnet sosialiseres inn i gode rutiner, godtar grensesetting, er sosialt inkludert og har gode, faglige prestasjoner.',
    },
    { kind: 'PROTECTIVE', code: '5', title: 'God foreldreomsorg', description: 'Omsorgspersoner med god omsorgsutøvelse.' },
    {
      kind: 'PROTECTIVE',
      code: '6',
      title: 'Jobb og sosialt nettverk for foreldrene',
      description: 'Foreldre som er godt nok innlemmet i samfunnet, i jobb/utdanning, har god fungering og sosialt nettverk.',
    },
    {
      kind: 'PROTECTIVE',
      code: '7',
      title: 'Positivt selvbilde innen 10-års alder',
      description: 'Den positive 10-åringen har mestringstro, er lett å like og søker det sosiale.',
    },
  ],
  targetGroups: [
    {
      name: 'Barn i lavinntektsfamilier, norskfødt med innvandrerforeldre',
      description: 'KS utenfor regnskapet: Anbefalte målgrupper/ risikogrupper',
    },
    {
      name: 'Barn i lavinntektsfamilier, hvor en eller begge foreldre ufør/sosialhjelp',
      description: 'KS utenfor regnskapet: Anbefalte målgrupper/ risikogrupper',
    },
    {
      name: 'Unge som er i fare for å ikke fullføre videregående på normert +2 år tid',
      description: 'KS utenfor regnskapet: Anbefalte målgrupper/ risikogrupper',
    },
    {
      name: 'Barn med hjelpetiltak i barnevernet',
      description: 'KS utenfor regnskapet: Anbefalte målgrupper/ risikogrupper',
    },
    {
      name: 'Barn med foreldre med psykisk lidelse eller rusproblem',
      description: 'KS utenfor regnskapet: Anbefalte målgrupper/ risikogrupper',
    },
    {
      name: 'Barn diagnostisert med depresjon eller angst',
      description: 'KS utenfor regnskapet: Anbefalte målgrupper/ risikogrupper',
    },
    {
      name: 'Barn diagnostisert med atferdsvansker',
      description: 'KS utenfor regnskapet: Anbefalte målgrupper/ risikogrupper',
    },
  ],
  measures: [
    {
      title: 'Svangerskapsomsorg',
      description:
        'Svangerskapsomsorgen har fokus på tidlig innsats og man oppfordres til å ta tidlig kontakt med jordmortjenesten. Oppfølgingen har fokus på å forberede de gravide på svangerskap og fødsel, og består i hovedsak av kontroller, samtaler i svangerskapet og hjemmebesøk etter fødsel.',
      targetGroup: 'Det gravide paret',
      preventionLevels: ['UNIVERSAL'],
      responsible: [{ role: 'Jordmortjeneste' }, { role: 'Fastlege' }],
    },
    {
      title: 'Helsestasjonsprogram 0-5 år',
      description:
        'Helsestasjonen følger helsestasjonsprogrammet . Fokuset er på tidlig innsats, forebygging, og å styrke de voksne rundt barna. I dette arbeidet tas det hensyn til individuelle behov.',
      targetGroup: 'Foreldre til barn 0-5 år',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 0,
      ageTo: 5,
      responsible: [{ role: 'Helsesykepleier' }],
    },
    {
      title: 'Foreldreveiledning',
      description:
        'Helsestasjon og skolehelsetjenesten tilbyr foreldreveiledning innenfor ulike temaer og tilpasset ulike aldersgrupper, både for småbarnsforeldre og tenåringsforeldre. Formålet er å styrke og støtte foreldrene i å følge opp barna sine på en best mulig måte, etter eget behov.',
      targetGroup: 'Foreldre til barn under 18',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 0,
      ageTo: 17,
      responsible: [{ role: 'Familieveileder' }, { role: 'Helsesykepleier' }],
    },
    {
      title: 'Sunn utvikling for barn og unge i alle grunntjenester',
      description:
        'Alle grunntjenester skal ha fokus på at barn og unge kommer inn i en sunn og trygg utvikling der samarbeid med hjemmet er sentralt. Det skal arbeides helsefremmende og forebyggende i forhold til barn og unges behov, bl.a. når det gjelder omsorg, lek, læring, danning og trivsel. Tjenestene skal bidra til å utjevne sosiale forskjeller. Skolehelsetjenesten følger et årshjul som er basert på nasjonalfaglige retningslinjer .',
      targetGroup: 'Barn og unge 0-20',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 0,
      ageTo: 20,
      responsible: [{ role: 'Barnehage' }, { role: 'Skole' }, { role: 'Helsestasjon og skolehelsetjeneste' }],
    },
    {
      title: 'Trivsel og miljø',
      description:
        'Kommunen har utarbeidet planer som skal sikre at barn og ungdom har et trygt og godt miljø rundt seg. Både i skolene og barnehagene fungerer disse planene som et verktøy for å forebygge og forhindre krenkende ord og handlinger, og viser hvordan grunntjenestene arbeider med det psykososiale miljøet. Skolene har også en egen plan som beskriver tiltak for å styrke skolenærvær.',
      targetGroup: 'Barn og unge 0-16',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 0,
      ageTo: 16,
      responsible: [{ role: 'Barnehage' }, { role: 'Skole' }, { role: 'Helsestasjon og skolehelsetjeneste' }],
    },
    {
      title: 'Foreldresamarbeid',
      description:
        'Kommunen har etablerte rutiner for foreldresamarbeid i skole, barnehage, helsestasjon og skolehelsetjenesten og jordmortjenesten. Eksempler er foreldremøter, foreldresamtaler, konsultasjoner, temamøter og nettverkstreff.',
      targetGroup: 'Foreldre',
      preventionLevels: ['UNIVERSAL'],
      responsible: [{ role: 'Barnehage' }, { role: 'Skole' }, { role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Jordmortjeneste' }],
    },
    {
      title: 'Kartlegging',
      description:
        'Alle grunntjenester har ulike kartleggingsverktøy for å følge med på barn og unges utvikling. Skoler og barnehager følger med på barn og unges kognitive og språklige utvikling, der PPT støtter og veileder i arbeidet med å vurdere barn og elevers behov for tilrettelegging. Helsestasjon og skolehelsetjenesten gjennomfører konsultasjoner, individuelle helsesamtaler og annen kontakt med familier for å følge opp barn og unges fysiske og psykiske helse.',
      targetGroup: 'Barn i barnehage Elever i grunnskole',
      preventionLevels: ['UNIVERSAL'],
      responsible: [{ role: 'Skole' }, { role: 'Barnehage' }, { role: 'PPT' }, { role: 'Helsestasjon og skolehelsetjeneste' }],
    },
    {
      title: 'Helsestasjon for ungdom (HFU)',
      description: 'HFU i Sør-Aurdal åpner for at ungdommer kan gjøre avtaler etter behov med helsestasjonen utover åpningstid. Tilbudet gjelder for barn fra 12 til 18 år.',
      targetGroup: 'Ungdom 12-18 år',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 12,
      ageTo: 18,
      responsible: [{ role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Lege' }],
    },
    {
      title: 'Forebygging for god, psykisk helse',
      description: 'Skole og helsestasjon og skolehelsetjenesten samarbeider om markering av verdensdagen for psykisk helse. Formålet er å fremme bevissthet rundt psykisk helse.',
      targetGroup: 'Ungdomsskole',
      preventionLevels: ['UNIVERSAL'],
      responsible: [{ role: 'Psykisk helse' }, { role: 'Helsestasjon' }, { role: 'Frisklivsveileder' }],
    },
    {
      title: 'Rus-forebyggende tiltak',
      description: 'Foreldremøtekonseptet "Utsett" benyttes på ungdomsskole. Tverrfaglig tema «folkehelse og livsmestring» i henhold til læreplanverket/skole. Ungdomsklubb. Frivillige natteravner.',
      targetGroup: 'Ungdom 12-18 år',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 12,
      ageTo: 18,
      responsible: [{ role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Skole, politi, foreldre' }, { role: 'Lag/foreninger' }],
    },
    {
      title: 'Kompetanseheving/veiledning ansatte',
      description: 'Støtte til kompetanse- og organisasjonsutvikling for ansatte i skole/barnehage for bedre og lykkes med tilrettelegging for alle barn/elever.',
      targetGroup: 'Ansatte',
      preventionLevels: ['UNIVERSAL'],
      responsible: [{ role: 'PPT' }],
    },
    {
      title: 'Samarbeid med andre faginstanser',
      description: 'Tannhelsetjenesten og ergo- og fysioterapitjenesten gjennomfører forebyggende arbeid, observasjoner/ screening og individuelle kontroller.',
      targetGroup: 'Barn 0-18',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 0,
      ageTo: 18,
      responsible: [{ role: 'Tannhelsetjenesten' }, { role: 'Ergo- og fysioterapitjenesten' }],
    },
    {
      title: 'Flyktninger/innvandrere',
      description: 'Plan for de første 6 månedene ved ankomst, kurs for foreldre i voksenopplæringen og informasjon om ulike tilbud. Tolk.',
      targetGroup: 'Barn 0-18',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 0,
      ageTo: 18,
      responsible: [{ role: 'Innvandrer-tjenesten' }],
    },
    {
      title: 'Samarbeid med andre',
      description:
        'Samarbeid med kulturavdelingen, kulturskolen, frivilligsentralen, bibliotek-tjenesten og lag og foreninger om ulike tilbud for å styrke det forebyggende arbeidet, og fremme god helse og livskvalitet hos barn og unge.',
      targetGroup: 'Barn 0-18',
      preventionLevels: ['UNIVERSAL'],
      ageFrom: 0,
      ageTo: 18,
      responsible: [{ role: 'Kulturavdelingen' }, { role: 'Kulturskolen' }, { role: 'Frivilligsentralen' }, { role: 'Bibliotek' }, { role: 'Lag og foreninger' }],
    },
    {
      title: 'Svangerskaps-omsorg',
      description:
        'Jordmortjenesten deltar i et tverrfaglig samarbeid for risikoutsatte barn og deres familier der formålet er å ivareta gravide, sped- og småbarn 0-3 år og deres foreldre. Her samarbeides det også med Valdres interkommunale jordmortjeneste i forhold til sårbare gravide, og tilbyr opplæringsprogrammet Tidlig inn .',
      targetGroup: 'Gravide 0-3 år',
      preventionLevels: ['SELECTIVE'],
      ageFrom: 0,
      ageTo: 3,
      responsible: [{ role: 'BUP' }, { serviceCode: 'barnevern' }, { role: 'Jordmor' }, { role: 'Kommunepsykolog' }, { role: 'Helsestasjon' }, { role: 'Fastlege' }],
    },
    {
      title: 'Foreldre-/familie-veiledning',
      description:
        'Helsestasjon og skolehelsetjenesten og familieveiledere tilbyr ulik veiledning for familier og foreldre som har behov for det, som f.eks. søvnveiledning, utvikling av sosiale og emosjonelle vansker eller familierterapi. Det kan arrangeres nettverksmøter med familier der det er behov. Familievernkontoret tilbyr rådgiving, veiledning, kurs og samtalegrupper. Hjelp til parforhold og samarbeid om felles barn. Mekling ved samlivsbrudd.',
      targetGroup: 'Foreldre til barn under 18',
      preventionLevels: ['SELECTIVE'],
      ageFrom: 0,
      ageTo: 17,
      responsible: [
        { role: 'Helsesykepleier' },
        { role: 'Familieveileder' },
        { role: 'Jordmortjeneste' },
        { role: 'Kommunepsykolog' },
        { role: 'Psykisk helse' },
        { serviceCode: 'barnevern' },
        { role: 'Familievernkontoret' },
      ],
    },
    {
      title: 'Barne-samtaler',
      description:
        'Det er viktig at barnets stemme blir hørt, både for medvirkning, men også for å skape trygghet og tillit. Både helsestasjon og skolehelsetjeneste /familieveileder og barnevern tilbyr barnesamtaler i situasjoner der det er behov for dette. Familievernkontoret tilbyr samtaler med barn i forbindelse med at foreldrene er klienter ved familievernkontoret, og barnegrupper for barn som bor i to hjem og som er mellom 8 og 12 år.',
      targetGroup: 'Barn i sårbare situasjoner',
      preventionLevels: ['SELECTIVE'],
      responsible: [{ role: 'Helsesykepleier' }, { role: 'Familieveileder' }, { serviceCode: 'barnevern' }, { role: 'Familievernkontoret' }],
    },
    {
      title: 'Kartlegging',
      description:
        'Kommunen har ulike kartleggingsverktøy for å kartlegge barn og unges utviklingsnivå og risiko for å utvikle sosiale/emosjonelle vansker. Psykisk helse kartlegger om brukere har barn under 18 år, og samarbeider med helsestasjon og skolehelsetjenesten ved behov. PPT gjennomfører barne/elevsamtaler, og foretar sakkyndige vurderinger der utbytte av å delta i det ordinære tilbudet utredes, etterfulgt av anbefaling om tilrettelegging for et forsvarlig tilbud.',
      targetGroup: 'Barn 0-20',
      preventionLevels: ['SELECTIVE'],
      ageFrom: 0,
      ageTo: 20,
      responsible: [
        { role: 'Helsestasjon og skolehelsetjeneste' },
        { role: 'Psykisk helse' },
        { role: 'PPT/BUP' },
        { role: 'Barnehage' },
        { role: 'Skole' },
        { role: 'Ergo- og fysioterapitjenesten' },
      ],
    },
    {
      title: 'Tidlig innsats',
      description:
        'Tidlig innsats skal prege alt arbeid med barn og unge. Helsestasjon og skolehelsetjenesten tilbyr veiledning og programmer for å forebygge en negativ utvikling. I skole og barnehage arbeides det for en god utvikling både når det gjelder læring og trivsel. Vernepleier i skole og barnehage benyttes ved behov. Tidlig Inn – team er et konkret tiltak for å forenkle behandlingslinjene for de minste barna.',
      targetGroup: 'Barn og unge i risikosone',
      preventionLevels: ['SELECTIVE'],
      responsible: [{ role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Skole/Barnehage' }, { role: 'Jordmortjeneste' }, { role: 'BUP/DPS' }, { role: 'NAV' }, { role: 'Lege' }],
    },
    {
      title: 'Tverrfaglig samarbeid og samarbeids-møter',
      description:
        'Alle grunntjenester samarbeider med støttetjenestene om barn og unge som er i risikosonen. Det arrangeres samarbeidsmøter sammen med foreldre og eventuelt gjeldende barn. Psykisk helse og kommunepsykolog har faste samarbeidsmøter med helsestasjon og skolehelsetjenesten. Det arrangeres faste månedlige møter i innsatsteam.',
      targetGroup: 'Foreldre og/eller barn med særskilte behov',
      preventionLevels: ['SELECTIVE'],
      responsible: [{ role: 'Barnehage/skole' }, { role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Psykisk helse' }, { role: 'PPT/BUP' }, { role: 'HAB-tjenesten' }],
    },
    {
      title: 'Oppfølging av barn og unge med psykisk strev',
      description:
        'Helsestasjon og skolehelsetjenesten har ansvar for kartlegging og behandling av milde og moderate vansker og skal tilby oppfølgende samtaler. Skal henvise til andre tjenester dersom tiltak ikke er tilstrekkelige. Helsestasjonen (HFU) skal være oppmerksom på ungdom med særskilte utfordringer. Psykisk helse har egen barneansvarlig som sørger for å ivareta barn som pårørende. Det tilbys foreldreveiledning og barnesamtaler i samarbeid med helsestasjon og skolehelsetjenesten. Innsatsteam skal sikre riktig hjelp, på riktig nivå nærmest mulig barnet.',
      targetGroup: 'Barn og unge med psykisk strev',
      preventionLevels: ['SELECTIVE'],
      responsible: [{ role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Lege' }, { role: 'Psykisk helse' }, { role: 'Skole' }, { role: 'Barnehage' }, { role: 'PPT' }],
    },
    {
      title: 'Veiledning, ansatte',
      description:
        'Kommunen har ulike fora for veiledning av ansatte. BUP og kommunepsykolog tilbyr veiledning med helsesykepleiere. PPT tilbyr veiledning av barnehager og skoler. Kommunepsykolog tilbyr veiledning av alle ansatte.',
      targetGroup: 'Ansatte',
      preventionLevels: ['SELECTIVE'],
      responsible: [{ role: 'BUP' }, { role: 'PPT' }, { role: 'Kommunepsykolog' }],
    },
    {
      title: 'Oppfølging av sårbare gravide og foreldre',
      description:
        'Helsestasjon og skolehelsetjenesten med støtte-tjenester tilbyr oppfølging av sårbare foreldre av ulik art, blant annet foreldreveiledning, søvnveiledning, barseltreff med mer. BUP ønsker tidlig inn med tiltak rundt gravide, foreldre og sped- og småbarn med psykososiale belastninger. Forsterket barsel.',
      targetGroup: 'Sårbare gravide og foreldre',
      preventionLevels: ['INDICATED'],
      responsible: [{ role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Jordmortjeneste' }, { role: 'Familieveileder' }, { role: 'BUP' }],
    },
    {
      title: 'Kartlegging',
      description: 'Kommunen har ulike kartleggingsverktøy for å kartlegge barn og unges utviklingsnivå og risiko for å utvikle ulike vansker.',
      targetGroup: 'Sårbare barn 0-18',
      preventionLevels: ['INDICATED'],
      ageFrom: 0,
      ageTo: 18,
      responsible: [{ serviceCode: 'barnevern' }, { role: 'Helsestasjon og skolehelsetjeneste' }],
    },
    {
      title: 'Familieveiledning/program',
      description:
        'Kommunen tilbyr ulike former for familieveiledning med ulikt formål. Eksempler på veiledningsprogram: - styrke foreldrenes forståelse for barnets behov - styrke det emosjonelle båndet til foreldre - veiledning av samspill - styrke omsorg og oppvekst for barn og unge Familievernkontoret tilbyr rådgiving, veiledning og kurs, for eksempel sinnemestringskurs. Hjelp til parforhold og samarbeid om felles barn. Mekling ved samlivsbrudd.',
      targetGroup: 'Foreldre til både barn og ungdom med ekstra behov',
      preventionLevels: ['INDICATED'],
      responsible: [{ role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Familieveileder' }, { serviceCode: 'barnevern' }, { role: 'Familievernkontoret' }],
    },
    {
      title: 'Barnesamtaler',
      description:
        'Både helsestasjon, familieveileder, psykisk helse og barnevern tilbyr barnesamtaler i situasjoner der det er behov for dette. Familievernkontoret tilbyr samtaler med barn i forbindelse med at foreldrene er klienter ved familievernkontoret, og barnegrupper for barn som bor i to hjem og som er mellom 8 og 12 år.',
      targetGroup: 'Barn i sårbare situasjoner',
      preventionLevels: ['INDICATED'],
      responsible: [{ role: 'Helsesykepleier' }, { role: 'Familieveileder' }, { serviceCode: 'barnevern' }, { role: 'Kommunepsykolog' }, { role: 'Familievernkontoret' }],
    },
    {
      title: 'Fastlegjetjenesten',
      description:
        'Fastlegen har plikt til å iverksette sikringstiltak ved mistanke om alvorlig omsorgssvikt eller vold og overgrep. Fastlegen må og vurdere om det er behov for å henvise til psykisk helsetjeneste eller BUP. Eventuelt varsle politi og barnevernstjenesten.',
      targetGroup: 'Barn og unge i risikosone',
      preventionLevels: ['INDICATED'],
      responsible: [{ role: 'Fastlege' }],
    },
    {
      title: 'Ansvarsgrupper',
      description:
        'Ansvarsgruppe er en gruppe på kommunalt nivå som tillegges ansvar for planlegging av tjenester og oppfølging av den enkelte person. Hensikten er å samordne flere tjenester: sikre brukermedvirkning, riktige tjenester, ansvarsfordeling og relevant informasjonsflyt. Ledes av samordner/koordinator eller barnekoordinator.',
      targetGroup: 'Barn og unge med ekstra behov',
      preventionLevels: ['INDICATED'],
      responsible: [{ role: 'Tildelingskontoret' }, { role: 'Helsestasjon og skolehelsetjeneste' }, { role: 'Familieveileder' }, { role: 'Skole/barnehage' }],
    },
    {
      title: 'Koordinator Barnekoordinator',
      description:
        'Koordinator: For barn/unge med behov for langvarige og koordinerte tjenester etter helse- og omsorgstjenesteloven, skal kommunen tilby koordinator. Barnekoordinator: For familie hvor barn under 18 har alvorlig sykdom, skade eller nedsatt funksjonsevne og barnet har behov for langvarige og sammensatte eller koordinerte helse- og omsorgstjenester og andre velferdstjenester.',
      targetGroup: 'Barn og unge med ekstra behov',
      preventionLevels: ['INDICATED'],
      responsible: [{ role: 'Tildelingskontoret' }],
    },
    {
      title: 'Individuell plan',
      description: 'Alle som har behov for langvarige og koordinerte helse- og omsorgstjenester, har rett til å få utarbeidet en individuell plan.',
      targetGroup: 'Barn og unge med ekstra behov',
      preventionLevels: ['INDICATED'],
      responsible: [{ role: 'Helsestasjon og skolehelsetjeneste' }, { serviceCode: 'barnevern' }, { role: 'Tildelingskontoret' }],
    },
    {
      title: 'Tverrfaglig innsatsteam for barn og unge',
      description:
        'Kommunen har opprettet et team for tverrfaglig drøfting av bekymringer og utfordringer knyttet til barn og unge med ulikt strev. I teamet gjøres en bred kartlegging rundt barn og unge som har det vanskelig, der ulike tiltak drøftes og prøves ut.',
      targetGroup: 'Barn og unge med ekstra behov',
      preventionLevels: ['INDICATED', 'SELECTIVE'],
      organisation:
        'Innsatsteam er et lavterskeltilbud som skal bidra til å gi barn/unge/familier ekstra oppfølging ved behov. Innsatsteam er ikke ment som et tiltak kun på indikert nivå, helst på selektert nivå for å sikre tidlig og riktig tiltak. Les mer her: <https://www.sor-aurdal.kommune.no/tjenester/familie-helse-og-omsorg/innsatsteam-for-barn-og-unge/>. På denne siden finnes søknad og samtykkeskjema som foresatte må fylle ut.',
      responsible: [
        { role: 'Kommunepsykolog' },
        { role: 'Helsestasjon og skolehelsetjeneste' },
        { serviceCode: 'barnevern' },
        { role: 'PPT/BUP' },
        { role: 'Skole/Barnehage' },
        { role: 'Vernepleier' },
      ],
    },
    {
      title: 'Psykisk helsehjelp',
      description:
        'Kommunen tilbyr ulike tiltak for barn med psykiske vansker. Familieveileder og kommunepsykolog kartlegger og behandler milde og moderate vansker, og bistår med videre henvisning. Psykisk helsearbeid for voksne kartlegger om sine brukere har barn under 18 år, og samarbeider med helsestasjon og skolehelsetjeneste ved behov.',
      targetGroup: 'Barn og unge med psykiske vansker',
      preventionLevels: ['INDICATED'],
      responsible: [{ role: 'BUP' }, { role: 'Familieveileder' }, { role: 'Psykisk helse' }, { role: 'Kommunepsykolog' }, { role: 'Helsestasjon og skolehelsetjeneste' }],
    },
    {
      title: 'Veiledning og kompetanseheving av ansatte',
      description:
        'Voksne som arbeider tett på barn med ekstra behov har noen ganger behov for veiledning, slik at tilretteleggingen blir best mulig. Både PPT, BUP, barnevernstjenesten og de kommunale tjenestene tilbyr veiledning av ansatte i grunntjenestene, og kan bidra ut fra sine spesialfelt.',
      targetGroup: 'Alle ansatte som jobber med barn og unge',
      preventionLevels: ['INDICATED'],
      responsible: [
        { role: 'Kommunepsykolog' },
        { role: 'PPT' },
        { serviceCode: 'barnevern' },
        { role: 'BUP' },
        { role: 'Helsestasjon og skolehelsetjeneste' },
        { role: 'Familieveileder' },
        { role: 'Vernepleier' },
      ],
    },
    {
      title: 'Manglende oversikt over tiltak',
      description:
        'Samlet har kommunen et bredt spekter av tiltak, men det har manglet oversikt over hva de ulike tjenestene tilbyr. Helsestasjon for ungdom har eksempelvis vært ukjent for flere. Mangel på oversikt kan medføre at tjenester/instanser ikke involveres tidlig nok.',
      organisation:
        'Kartleggingen av forebyggende tiltak, verktøy og kompetanse i tjenestene i forbindelse med denne planen gjøres tilgjengelig for alle ansatte som arbeider med barn og unge i kommunen. Oversikten tilgjengeliggjøres i kommunens system for internkontroll, Compilo, og deles med instanser som ikke har tilgang til systemet. Ledere har ansvar for å gjøre oversikten kjent for ansatte i sin tjeneste.',
      statusInPlan: 'PLANNED',
      responsible: [{ role: 'Ledere' }],
    },
    {
      title: 'Uklar ansvarsfordeling',
      description:
        'Tidvis mangel på tydelig struktur for samarbeid mellom tjenestene i det forebyggende arbeidet for barn og unge. Det er også uklar ansvarsfordeling, som kan føre til at arbeidet oppleves forvirrende, blir mindre effektivt og at informasjonsflyten blir dårligere, noe som kan medføre svekket oppfølging.',
      organisation:
        'Det er utarbeidet en modell for samhandling i forbindelse med denne planen, og grunntjenester og støttetjenester er tydeligere definert. Modellen beskriver samhandling og ansvarsfordeling mellom tjenester på ulike nivåer når forebyggende tiltak ikke er tilstrekkelige. Modellen er forpliktende, og skal følges i alle tjenester.',
      statusInPlan: 'COMPLETED',
      responsible: [{ role: 'Ledelsesnivå' }],
    },
    {
      title: 'Uklar rolleforståelse',
      description:
        'Usikkerhet, uklare forventninger og manglende avklaring av hva de ulike tjenestene skal bidra med inn i det forebyggende arbeidet kan skape misforståelser, lavere tillit og manglende kontinuitet i arbeidet.',
      organisation:
        'Arrangere formøte mellom tjenestene der mål for arbeidet, forventninger, ansvar og rolleforståelse avklares. Rutine må gjennomgås.\nFelles forståelse av utfordringer før tiltak iverksettes. Viser til kap. 4.2, trinn 2, punkt A, B og C i samhandlingsmodellen.\nLegge til rette for relasjonsbygging, felles kompetanseheving, etisk refleksjon og case-arbeid mellom tjenestene.',
      statusInPlan: 'PLANNED',
      responsible: [{ role: 'Ledelsesnivå' }],
    },
    {
      title: 'Usikkerhet i forbindelse med praktisering av taushetsplikt',
      description:
        'Reglene oppleves ofte kompliserte. Dette kan være særlig vanskelig når organer som er underlagt ulike regler, skal samarbeide om å løse oppgaver. Ansatte er redd for å gjøre feil. Taushetsplikten kan være til hinder for samarbeid på tvers av tjenestene.',
      organisation:
        'Kompetansen i tjenestene om taushetspliktsreglene, opplysningsrett og opplysningsplikt, herunder samtykke som grunnlag for samarbeid mellom tjenestene, bør styrkes.\nKursing av ansatte bør prioriteres på kommunenivå, og det bør opprettes en kommunal mal for samtykke til deling av opplysninger.',
      statusInPlan: 'PLANNED',
      responsible: [{ role: 'Ledelsesnivå' }],
    },
    {
      title: 'For sent inn med hjelpetiltak',
      description:
        'Kommunale tjenester kan tidvis bli værende for lenge alene i enkeltsaker, uten å involvere andre fagmiljøer tidlig nok. Mangel på riktig hjelp og støtte i en tidlig fase kan føre til at utfordringer vokser seg store.',
      organisation:
        'Større vekt tidlig innsats og øke kunnskap om:\n- Risiko- og beskyttelsesfaktorer og risikogrupper, kap. 1.2\n- Barns passering av utviklingsmilepæler\n- Kjennskap til foreldrenes fungering/ samspill\n- Identifisere opprettholdende faktorer\nSymptomer og tegn: Lavere terskel for å drøfte saker anonymt med PPT/ barnevern.\nMedvirkning: Involvere foresatte og barnet/den unge tidlig.',
      statusInPlan: 'PLANNED',
      responsible: [{ role: 'Ledelsesnivå' }],
    },
    {
      title: 'Rutiner',
      description: 'Behov for å gjennomgå og revidere rutiner, samt vurdere nye rutiner for samarbeid/forebyggende arbeid innad i tjenestene, og på tvers av tjenestene.',
      organisation:
        'Tjenestene må selv gå gjennom egne rutiner, og vurdere behov for nye. Leder av tjenesten tar ansvar for dette arbeidet, og melder ifra til kommunalsjef for sin tjeneste ved behov for rutiner på tvers av tjenesteområder.\nRutiner som skal opprettes på tvers av tjenesteområder i Compilo:\n  - Samordner/ koordinator / barnekoordinator (tildelingskontoret oppretter)\n  - Innsatsteam\n  - Oppfølging ved fravær/skifte i tjenestene\n  - Rutine for kontakt i samarbeidet mellom skole/barnehage og helsestasjon- og skolehelsetjenesten.',
      statusInPlan: 'PLANNED',
      responsible: [{ role: 'Leder av tjenesten' }],
    },
    {
      title: 'Sårbarhet ved fravær',
      description:
        'Forebyggende arbeid og oppfølging av barn og unge er spesielt sårbart ved fravær og skifter i tjenestene. Fravær og skifter svekker kontinuiteten i arbeidet og kan føre til manglende oppfølging. Det kan også resultere i lavere tillit hos foreldre/barn og unge, og brudd i relasjoner. Fravær og skifter i PPT, samt mangel på helsesykepleiere i skolene har over tid vært spesielt sårbart i Sør-Aurdal kommune.',
      organisation:
        'Rutiner som sikrer at barn/ unge og familier som trenger oppfølging blir fulgt opp ved fravær hos ansatte. Vurdere omfordeling av ansvar ved langtidsfravær, og sørge for god informasjon til barn/unge og deres familier.\nMelde avvik dersom lovpålagte frister ikke følges opp.\nKommunen må prioritere løsning for helsesykepleiere i skolene.',
      statusInPlan: 'PLANNED',
      responsible: [{ role: 'Ledelsesnivå' }],
    },
    {
      title: 'Samarbeid med politi',
      description: 'Lite systematisk samarbeid med politiet om rusforebyggende tiltak for barn og unge.',
      organisation: 'Vurdere mulighet for mer samarbeid med politikontakt i det forebyggende arbeidet både i forhold til foreldre og barn/unge. Se spesielt på foreldremøtekonseptet «Utsett».',
      statusInPlan: 'PLANNED',
      responsible: [{ role: 'Ledelsesnivå' }],
    },
  ],
  collaborationModels: [
    {
      kind: 'COLLABORATION',
      name: 'Modell for samhandling',
      description:
        'Barnevernsloven §15-1, andre ledd sier at kommunens forebyggende plan skal beskrive hvordan kommunens forebyggende arbeid skal organiseres og fordeles mellom etatene i kommunen, og hvordan etatene skal samarbeide. En del av utfordringsbildet i Oppvekstløftet i Valdres beskriver at det har vært for lite koordinering mellom tjenester. Det er derfor behov for en samhandlingsmodell som beskriver hvordan grunntjenester og støttetjenester samarbeider om barn og unges med særskilte behov i denne sammenhengen. Modellen under følger samme system som tiltakspyramiden, der trinn 1 er universelt nivå, trinn 2 er selektivt nivå og trinn 3 er indikert nivå:\n\nFor å forenkle videre beskrivelser, skilles det mellom grunntjenester og støttetjenester. Dette er ikke nødvendigvis en klar og tydelig skillelinje, men en praktisk inndeling for å tydeliggjøre hvilke tjenester som utgjør kjerneoppgaven, og hvilke som har en støttende funksjon. I praksis kan tjenestene ha elementer av begge deler.\n\nNedenfor beskrives hvert trinn i samhandlingsmodellen. Hvert trinn har en beskrivelse av målgruppe, hvilke oppgaver som ligger på dette nivået, og hva som er kriteriene for å havne på dette trinnet (gjelder særlig nivå 2 og 3).\n\nModellen beskriver samhandlingen, ikke tiltak. Tiltakene vurderes og bestemmes av de ulike tjenesteområdene i hvert enkelt tilfelle, og er listet opp tidligere.',
      steps: [
        {
          code: 'Trinn 1',
          title: 'Universelt nivå',
          preventionLevel: 'UNIVERSAL',
          targetGroup: 'Alle barn og unge.',
          tasks:
            'Tiltak og samarbeid skal nås/tilbys alle. I dette arbeidet er det viktig å være bevisst på beskyttelsesfaktorene som er beskrevet i kunnskapsgrunnetaget i denne planen.\n\n Se egen liste over tiltak på universelt nivå. Det er alle ansatte som jobber med barn og unge sitt ansvar å vurdere og følge med på om tiltak og samarbeid på dette nivået, er tilfredsstillende. Dersom de ikke er det, eller et barn tilhører kategoriene som kvalifiserer for tidlig innsats (se kriterier for neste trinn), skal trinn 2 iverksettes.',
          collaboration:
            '- Samarbeid på dette nivået er systemrettet og planfestet i følgende dokumenter, der forebyggende tiltak er beskrevet:\n  - Plan for helsestasjonstjenesten\n  - Plan for skolehelsetjenesten\n  - Plan for trygt og godt skolemiljø\n  - Plan for trygt og godt barnehagemiljø\n  - Plan for skolenærvær\n  - Regional plan mot vold i nære relasjoner\n  - Regional selvmordsforebyggende plan Valdres\n- I tillegg har kommunen et internsystem for rutiner, Compilo, der samarbeidsrutiner mellom tjenestene beskrives.',
        },
        {
          code: 'Trinn 2',
          title: 'Tiltak på selektert nivå',
          preventionLevel: 'SELECTIVE',
          targetGroup:
            'Barn og unge som har behov for tidlig innsats, eller der tiltak på universelt nivå ikke har hatt ønsket effekt. Dette kan også gjelde grupper, for eksempel en klasse med særskilte utfordringer.',
          criteria:
            '- Barnet lever med en eller flere risikofaktorer.\n- Barnet passerer ikke aldersadekvate utviklingsmilepæler\n- Mangelfull fungering av foresatte eller samspill mellom foreldre og barn\n- Tiltak på universelt nivå fungerer ikke godt nok.\nSelv om barnet fungerer tilsynelatende godt, skal behov for selekterte tiltak vurderes. Det er bedre å forebygge enn å reparere.',
          tasks:
            'Ansatte drøfter bekymringen med nærmeste leder. Leder vurderer videre involvering og sikrer oppfølging. Involver foresatte: Avklare om andre tjenester gir tjenester eller om det er behov for andre tjenester i samtale med barnet, ungdommen og/eller foreldrene.\nLeder har ansvar for at videre oppgaver blir fulgt (men må ikke utføre det selv).\n  - Oppretthold kontakt med foresatte, med mindre saken ikke gjelder enkeltindivid.\n  - Vurder behovet for samordning med mulige samarbeidspartnere. Inviter til drøftingsmøte, forutsatt samtykke fra foresatte.\n    A) Dersom skole/barnehage opplever utfordringer, inviteres helsestasjon og skolehelsetjenesten til drøftingsmøte.\n    B) Dersom helsestasjonen og skolehelsetjenesten opplever utfordringer, inviteres aktuelle grunntjenester ved leder/ kontaktperson.\n    C) Dersom andre tjenester/instanser opplever utfordringer, må de vurdere om det er nødvendig å kontakte grunntjenestene ved leder.\n  - Drøftingsmøtet skal være et åpent forum for å drøfte situasjonen, skape felles forståelse og vurdere eventuelle tiltak. I et samarbeid er det nødvendig å avklare hvem som gjør hva og når, og at det jobbes mot samme mål. Tjenesten som kaller inn til møtet har ansvar for å sikre at samordningsplikten blir ivaretatt. Samordner/ koordinator/ barnekoordinator vurderes. Rutinen Hvordan søke om individuell plan, koordinator eller barnekoordinator følges.\n    - Vurder om det er behov for flere møter, eller om innsatsteam er aktuelt.\n    - Møter skal referatføres av den som innkaller.\n    - Tiltak prøves ut, evalueres og justeres.',
          collaboration:
            'I samarbeidet mellom grunntjenestene, gjelder følgende prinsipper:\n- Tidlig og tverrfaglig samarbeid øker muligheten for å forebygge framfor å reparere. Ansatte i grunntjenestene skal ha oppmerksomhet på både risiko- og beskyttelsesfaktorene.\n- Retningslinjer for møter:\n  - Aktuell tjeneste inviterer samarbeidspartnere til åpen drøfting. Eventuelle tiltak vurderes i samråd med de andre involverte.\n  - Dersom tjenestene er uenige om tiltak, gjelder:\n    - Tiltak i skole/barnehagetid eller i deres regi avgjøres av skole/barnehage i samråd med foresatte.\n    - Tiltak i hjemmet avgjøres av helsestasjon og skolehelsetjenesten i samråd med foresatte.\n  - Ved utfordringer på gruppenivå kan foreldregruppen involveres, for eksempel på foreldremøte. Skole/barnehage har ansvar for dette.\n- Samtykke fra foresatte skal alltid innhentes når loven krever det. Dette er et felles ansvar for alle ansatte.',
          convenedBy:
            'Tjenesten som opplever utfordringer inviterer (A: skole/barnehage inviterer helsestasjon og skolehelsetjenesten; B: helsestasjonen og skolehelsetjenesten inviterer aktuelle grunntjenester; C: andre tjenester/instanser vurderer å kontakte grunntjenestene ved leder)',
          minutesBy: 'Den som innkaller',
          forum: 'Drøftingsmøte',
          consentRule: 'Samtykke fra foresatte skal alltid innhentes når loven krever det. Dette er et felles ansvar for alle ansatte.',
        },
        {
          code: 'Trinn 3',
          title: 'Tiltak på indikert nivå',
          preventionLevel: 'INDICATED',
          targetGroup: 'Barn og unge med behov for ekstraordinære tiltak i en periode.',
          criteria:
            'Barn og unge som har mottatt selekterte tiltak uten tilstrekkelig effekt, eller som har behov for mer omfattende og sammensatte tiltak. For eksempel:\n- Barn og unge med bekymringsfullt eller vedvarende fravær.\n- Barn og unge med psykiske lidelser, depresjon eller angst.\n- Barn og unge med hjelpetiltak i barnevern\nObs: Listen er ikke uttømmende!\nAnsvarlig for tiltaket skal i samarbeid med de involverte kontinuerlig vurdere om et tiltak har effekt, når det skal avsluttes og om det er behov for mer omfattende tiltak.',
          tasks:
            'Elever som faller inn under indikert nivå, har gjerne vært på selektert nivå først. Teamet rundt barnet vurderer videre tiltak når selekterte tiltak ikke har virket etter hensikten. Ledelsen har et overordnet ansvar for videre oppfølging og beslutninger, mens ansatte tett på barnet rapporterer om effekt av tiltak.\nAvklare om det er behov koordinator/barnekoordinator. Rutinen Hvordan søke om individuell plan, koordinator eller barnekoordinator følges.\nInnsatsteam Dersom barnet ikke tidligere har vært drøftet i innsatsteam, skal dette vurderes. Innsatsteam bidrar til tverrfaglig kartlegging og koordinering av tiltak.\nViderehenvisning Dersom tiltak i grunntjenester og innsatsteam er prøvd ut uten tilstrekkelig resultat, vurderes henvisning til aktuelle støttetjenester som BUP, PPT, barnevern eller kommunepsykolog. Henvisning skal alltid bygge på samtykke og dokumentert kartlegging.',
          forum: 'Innsatsteam',
          forumKind: 'innsatsteam',
          consentRule: 'Henvisning skal alltid bygge på samtykke og dokumentert kartlegging.',
          referralRoutes: [
            {
              recipient: 'Kommunepsykolog',
              how: 'Henvising kan foregå via helsestasjon og skolehelsetjenesten, skole/barnehage eller ved å ta direkte kontakt. Kontaktinfo her: https://www.sor-aurdal.kommune.no/tjenester/familie-helse-og-omsorg/kommunepsykolog/',
              consentRule: 'Henvisning skal alltid bygge på samtykke og dokumentert kartlegging.',
            },
            {
              recipient: 'PPT',
              referredBy: 'Skole/barnehage henviser. Elever over 15 år, foresatte og andre instanser kan ta kontakt og søke råd.',
              how: 'Henvising foregår via eget skjema. Skole/barnehage henviser. Elever over 15 år, foresatte og andre instanser kan ta kontakt og søke råd. Link til PPT: PPT - Nord-Aurdal kommune , Eget henvisningsskjema benyttes.',
              consentRule: 'Henvisning skal alltid bygge på samtykke og dokumentert kartlegging.',
            },
            {
              recipient: 'Barnevern',
              serviceCode: 'barnevern',
              how: 'Bekymringsmelding skal sendes via nasjonal portal: https://www.sor-aurdal.kommune.no/nyheter/nasjonal-portal-for-bekymringsmeldinger.8740.aspx Det er også mulig å ringe direkte til barnevernet. Saker kan drøftes anonymt ved behov.',
              anonymousConsultation: true,
              consentRule: 'Henvisning skal alltid bygge på samtykke og dokumentert kartlegging.',
            },
            {
              recipient: 'BUP',
              referredBy: 'Fastlege, helsestasjonslege og kommunepsykolog',
              how: 'Fastlege, helsestasjonslege og kommunepsykolog kan henvise til BUP. Det er en forventning om at tiltak skal være prøvd i kommunen før evt. videre henvisning sendes spesialisthelsetjenesten. Familieveileder og/eller helsesykepleier har en sentral rolle i dette arbeidet, og kan bistå i henvisningen. Da sikres det at kommunale tiltak er prøvd ut først. Foresatte kan be fastlege henvise til BUP, men dersom kommunale tiltak ikke er prøvd ut, er det stor sannsynlighet for at saken avslås.',
              prerequisite: 'Det er en forventning om at tiltak skal være prøvd i kommunen før evt. videre henvisning sendes spesialisthelsetjenesten.',
              consentRule: 'Henvisning skal alltid bygge på samtykke og dokumentert kartlegging.',
            },
          ],
        },
      ],
    },
  ],
};
