import { PlanDocument } from './document';

/**
 * The shared plan of the five Nord-Østerdal municipalities, "Strategisk plan – tverrfaglig samarbeid
 * og forebyggende innsats for barn, unge og familier i Rendalen/Folldal/Tynset/Alvdal/Tolga kommune",
 * as attached to the Folldal control committee's minutes of 4 September 2023: every text of the plan
 * word for word (chapters 1–7; figures not reproduced, as `sourceNote` says), its main goal and five
 * strategic goals, the four focus areas of chapter 6 with every "Slik gjør vi det" bullet, the TST as
 * the one measure the plan describes (its fixed participants; no level, budget or goal links, since
 * the plan gives none), the steering group and the project group with their members, and the
 * timeline of chapter 7 (no statuses: the minutes only say "Tidsplanen følges").
 * Illustrative, and marked so in the data: the period 2023–2026 (`illustrativeNote`); the council
 * decisions and implementation statuses the seeder adds (their `illustrativeNote`).
 */
export const NORD_OSTERDAL: PlanDocument = {
  title: 'Strategisk plan for tverrfaglig samarbeid og forebyggende innsats for barn, unge og familier',
  periodStartYear: 2023,
  periodEndYear: 2026,
  municipalityNumbers: ['3424', '3426', '3427', '3428', '3429'],
  sourceNote:
    'Strategisk plan «Tverrfaglig samarbeid og forebyggende innsats for barn, unge og familier i Rendalen/Folldal/Tynset/Alvdal/Tolga kommune» (ferdigstilt februar 2023), lagt ved møteprotokollen til Kontrollutvalget i Folldal kommune 04.09.2023, sak 23/23. Planens figurer (planhierarkiet, «Oppvekstreformen - formålet» og illustrasjonene i kapittel 6) er ikke gjengitt.',
  illustrativeNote: 'Planperioden 2023–2026 er illustrativ: planen oppgir ingen periode (tidsplanen går fra våren 2023 til våren 2024).',
  statements: [
    { kind: 'MOTTO', text: 'Sammen for rett hjelp til rett tid der du er!' },
    {
      kind: 'BACKGROUND',
      title: 'Bakgrunn for planen',
      text: 'Barnevernsreformen trådte i kraft 01.01.22, og gir kommunene økt ansvar på barnevernsområdet. Målene med reformen er at kommunen skal styrke arbeidet med forebygging, tidlig innsats og samhandling. Hjelpen skal også bedre tilpasses barn og familiers behov. Målene med reformen kan kun oppnås gjennom endringer i hele oppvekstsektoren, og reformen beskrives derfor som en oppvekstreform.\n\nTidlig innsats med tiltak som er godt tilpasset barn, ungdom og familiens behov er først og fremst en investering i innbyggerne velferd, men må også sees på som en investering som kan spare kommunen for mer inngripende og kostbare tiltak senere.\n\nEtter lovendring av 01.01.22 er kommunens ansvar for forebygging tydeliggjort, og det stilles krav til at kommunestyret vedtar en plan for dette arbeidet (jf. bvl § 3.1).\n\nPlanen skal være et viktig bidrag for at kommunen arbeider forebyggende og at kommunens innbyggere opplever tidlig innsats og koordinerte tjenester, hvor brukermedvirkning står sentralt. Innbyggernes ressurser skal mobiliseres og de skal oppleve seg som aktive samarbeidsparter i hele prosessen.',
    },
    {
      kind: 'LEGAL_BASIS',
      title: '§ 3-1. Kommunens og barneverntjenestens forebyggende virksomhet',
      text: 'Kommunen skal fremme gode oppvekstvilkår gjennom tiltak for å forebygge at barn og unge utsettes for omsorgssvikt eller utvikler atferdsvansker. Kommunen skal sørge for å samordne sitt tjenestetilbud til barn og familier.\n\nKommunestyret selv skal vedta en plan for kommunens forebyggende arbeid etter første ledd. Planen skal beskrive hva som er målene for arbeidet, hvordan arbeidet skal organiseres og fordeles mellom etatene i kommunen, og hvordan etatene skal samarbeide',
      reference: 'barnevernsloven § 3-1',
    },
    {
      kind: 'PROCESS',
      title: 'Prosess',
      text: 'Kommunene i Nord-Østerdal har felles interkommunale tjenester, som barnevern, PPT og NAV. Det har derfor vært naturlig å samarbeide om å utvikle en felles plan for det forebyggende arbeidet. Arbeidet startet i juni 2022. Det ble nedsatt en arbeidsgruppe bestående av representanter fra alle kommunene og det er i prosessen gjennomført en samling med de strategiske ledergruppene og fire samlinger med ledere fra hele oppvekstfeltet i kommunene med mål om felles kompetanseheving og innsikt/innspill. Kommunedirektørforum har vært styringsgruppe, og det har vært rapportert jevnlig til denne enheten. På bakgrunn av disse prosessene er det utarbeidet en plan.',
    },
    {
      kind: 'NATIONAL_GUIDANCE',
      title: 'Nasjonale føringer',
      text: 'Det er mange nasjonale føringer gjennom Stortingsmeldinger, utredninger og lovendringer som bygger opp under behovet for en helhetlig oppvekstplan. Stortingsmelding 6 om tidlig innsats og inkluderende fellesskap og Stortingsmelding 2 - Likeverdsreformen har ført til flere lovendringer som handlingsplikt når det oppstår bekymring for et barn, samarbeidsplikt for instanser som arbeider med barn og unge og opprettelse av barnekoordinator når det er behov for å gi helhet i tjenestene. Velfredstjenesteloven gir pålegg om samarbeidsplikt når det er nødvendig med helhetlige og koordinerte tjenester, og dette blir også forankret i alle særlovene. Opplæringsloven og helseovgivningen setter krav til handlingsplikt når det oppstår uro for et barn eller ungdom, og barnevernsloven setter krav til planer for forebygging og organisering av samarbeidet mellom instansene.\n\nI tillegg påpeker Perspektivmeldingen fra 2019 behovet for ny praksis, de demografiske endringene kombinert med et voksende utenforskap gjør det nødvendig å tenke nytt for løse framtidens utfordringer. Det blir flere eldre, men stadig færre i arbeidsfør alder til å ta seg av de eldre. Da må både kommuner og lokalsamfunn gjøre en innsats for å lykkes med livsmestringsoppdraget slik at en større andel av befolkningen kommer i utdanning og arbeid.\n\nDe ulike nasjonale føringene sier imidlertid lite om hvordan kommunen skal arbeide, det må den enkelte kommune i stor grad utarbeide selv. Det lages noen nasjonale veiledere som kan være til god hjelp, likevel må dette konkretisere ytterligere og tilpasses lokale forhold.',
    },
    {
      kind: 'PURPOSE',
      title: 'Mål',
      text: 'Formålet med en helhetlig plan for barn og unge er å skape en oppvekstsektor og et oppvekstmiljø som får alle barn til å oppleve livsmestring. Jo flere som kommer gjennom barne- og ungdomstiden og mestrer livet sitt, jo færre er det som havner i utenforskap. For å nå dette målet må man endre måter å arbeide på, og endre ressursbruk og kompetanse mot det forebyggende og tidlig innsats. Gevinsten vil være at færre trenger ekstra hjelp, både på kort og lang sikt.',
    },
    {
      kind: 'STRATEGY',
      title: 'Strategier',
      text: 'For å nå målet om livsmestring for alle barn, må man ha en kultur og struktur for å arbeide forebyggende og med tidlig innsats og samhandling. Barn skal oppleve seg inkludert, og de skal sammen med foreldre være samarbeidspartnere når det er behov for ekstra innsats. Alle skal være aktive deltakere i eget liv og tiltak skal utformes i samarbeid med de som mottar tjenestene.',
    },
    {
      kind: 'TARGET_AUDIENCE',
      title: 'Målgruppen',
      text: 'Målgruppen for planen er alle som arbeider direkte med barn, unge og deres foresatte, den gjelder for politisk og administrativ ledelse og for alle som har kontakt med barn og unge i lokalsamfunnet.',
    },
    {
      kind: 'KNOWLEDGE_BASE',
      title: 'Utfordringsbildet i våre kommuner',
      text: 'Dette kapitlet bygger på tall fra ulike kilder som KOSTRA, oppvekstbarometeret, Ung data, GSI, analysebrettet (U.dir.) og Framtidsverktøyet 2040.\n\nKommunene i Nord-Østerdal har en del felles utfordringer som de deler med resten av landet, men det er også noen områder som skiller seg ut. Demografiutviklingen er på linje med landsgjennomsnittet. Det vil bli flere eldre fram til 2040 før det flater ut, og antall barn og unge vil synke mot 2035. Totalt vil folketallet i kommunene også synke noe. Med unntak av Tolga er det forholdsvis få med innvandrerbakgrunn.\n\nAndelen sysselsatte er høyere og utenforskapet er lavere enn i landet for øvrig. Selv om andelen av befolkningen med høyere utdanning er lavere enn snittet, er det gode tall for gjennomføring av videregående skole. Det er imidlertid noe frafall som blant annet skyldes at en del elever må reise til skoletilbud i andre kommuner fordi den lokale videregående skolen har populære linjer med høye karakterkrav. Det er også færre i utenforskap. Mens det er 21 % i alderen 20 – 66 år som hverken er i arbeid eller utdanning i landet ellers, ligger Nord-Østerdal i snitt på rundt 16 %.\n\nNår det gjelder ulike kvaliteter i oppvekstmiljøet i kommunene, så trives elevene jevnt over godt på skolen og det er få røde mobbetall. Det er en del som rapporterer om ensomhet, og tilbudet om møteplasser og fritidsaktiviteter treffer noe ulikt. Imidlertid er det færre som sliter med psykiske problemer enn i fylket og landet for øvrig, og det er færre barn som får tjenester fra barnevernet. Det er noe økende fravær i skolen i etterkant av pandemien og det vil være viktig med målrettet innsats for å forhindre skolefravær.\n\nI forhold til resultater er det vanskelig å finn entydige treff, det er variasjoner fra år til år både når det gjelder nasjonale prøver, eksamener og skolebidragsindikatorer. Det er også variasjoner fagene imellom. Antall elever som får spesialundervisning er på landsgjennomsnittet, rundt 10 % i ungdomsskolen. Imidlertid er grunnskolepoengene, summen av alle karakterer etter 10. trinn, jevnt over ganske høye. Dette har sammenheng med den høye gjennomføringen på videregående skole, noe som igjen fører til lavere utenforskap.\n\nOppvekstprofilen for kommunene viser også interne forskjeller når det gjelder boforhold, økonomi, folkehelse og rus. Noen bor trangt og har dårlig økonomi, og dette kan være ekstra sårbart i gjennomskitige miljø. Det er et gjennomgående problem at en del barn og unge sliter med overvekt. Det er imidlertid en sammenheng mellom dette og tilgang på, eller bruk av, fritidsaktiviteter. Ifølge det som rapporteres i Ung-data undersøkelsen, sier ungdommene at de debuterer tidligere med alkohol enn det som er landsgjennomsnittet.\n\nSituasjonen i Europa gjør at kommunene også framover vil bosetter flyktninger. Dette vil kreve ekstra innsats fra alle tjenester.',
    },
    {
      kind: 'KNOWLEDGE_BASE',
      title: 'Profesjonsinnsikt',
      text: 'Det har gjennom samlinger med ledere i tjenestene rundt barn, unge og familier i alle fem kommunene vært samlet innsikt i forhold til dagens situasjon.\n\nTjenestene formidler et klart ønske om å forbedre den tverrfaglige samhandlingen. Det beskrives at de i dag har for lite kunnskap om hverandre og taushetsplikten oppleves som et hinder for effektiv samhandling. Videre kan områder som mangel på personell/turnover, store avstander/små forhold prege kvaliteten på samhandlingen. Tjenestene beskriver behov for nye strukturerer, tydelige roller, økt kompetanse på tverrfaglig samhandling, felles digitale verktøy og økonomiske strukturerer som understøtter tverrfaglig fokus. Det er videre behov for økt kunnskap om å oppdage og handle ved uro.',
    },
    {
      kind: 'KNOWLEDGE_BASE',
      title: 'Brukerinnsikt',
      text: 'Det har vært innhentet innsikt fra barnehagebarn, elever og foreldre.\n\nBarn i barnehage beskriver at det er viktig for dem å være inkludert og ha venner å leke med. De beskriver videre at de ønsker å ha voksne rundt seg som har fokus på dem og deltar i lek sammen med dem. Barn i barnehage beskriver at de ønsker økt medbestemmelse over sin barnehagehverdag.\n\nVoksen: Når har du det fint i barnehagen?\n\nBarn: Når noen vil leke med meg.\n\nIntervju: barn i barnehage\n\nBarn i skole beskriver at det er viktig for dem å gå på en god skole med et godt skolemiljø og å oppleve seg inkludert. De forteller at det er viktig å ha gode venner, og mulighet for ulike fritidsaktiviteter innen idrett, kultur og uorganisert aktivitet som for eksempel fritidsklubb. Noen beskriver også at det er viktig med nærhet til natur.\n\nElev: Det er mange bra folk her som inkluderer.\n\nIntervju: elev på skole\n\nFor foreldre er det viktig at barn og unge opplever trygghet, trivsel og blir møtt på sine behov. Det er videre viktig at de møter trygge, kjente og kompetente voksne. Foreldre beskriver at det er positivt at hjelpetjenestene som PPT er synlige, kommer tidlig inn og har rask responstid. Foreldrene er opptatt av at de må få tilstrekkelig informasjon og videre bli brukt som en ressurs i samhandlingen.\n\nForeldre som mottar tverrfaglig hjelp beskriver at det er viktig at tjenestene møter dem som likeverdige samarbeidspartnere og at det brukes et språk som er lett å forstå. De formidler videre at det er viktig at hjelpen oppleves koordinert, og at ikke de må bruke kapasitet på å koordinere instansene.',
    },
    {
      kind: 'BACKGROUND',
      title: 'Definisjoner',
      text: 'For å ha en felles forståelse for hvilke tiltak som skal gjennomføres og hva som skal bygges opp av strukturer og møteplasser, er det viktig å definere de begreper som brukes. Gjennomgående ord i denne planen er forebygging, tidlig innsats, samhandling, inkludering og hjelp. Vi forstår begrepene på denne måten:',
    },
    {
      kind: 'DEFINITION',
      title: 'Forebygging',
      text: 'Forebyggende aktiviteter er generelle aktiviteter som skal redusere behovet for ekstra tiltak senere. Høy kvalitet på alle tjenester er et eksempel på dette, språkopplæring og trening på sosiale ferdigheter i barnehagen, god opplæring i grunnleggende ferdigheter i småskolen, foreldreopplæring i ulike faser av barnets utvikling, fysisk aktivitet for å redusere livsstilssykdommer, gode rutiner for å sjekke syn, hørsel eller andre helsemessige forhold, system for kartlegging av forventet læring og utvikling er ulike måter å arbeide forebyggende på. Når barn opplever læring og mestring, er det mindre sjans for at det utagerer eller viser andre symptomer på mistrivsel.',
    },
    {
      kind: 'DEFINITION',
      title: 'Tidlig innsats',
      text: 'Tidlig innsats er å gjøre de rette grepene til riktig tid. Det vil si at dersom ansatte eller andre har uro for et barn, er man pliktig til å gjøre noe med dette, men samtidig er det viktig at det gjøres med rett kompetanse. Å vente og se er ingen løsning. Noen ganger kan den ansatte løse problemet selv, andre ganger må problemet løftes dit det er rett kompetanse. Tett evaluering av tiltak er også en del av tidlig innsats, dersom tiltakene ikke gir ønsket effekt er det viktig å endre eller øke innsatsen til man når målene.',
    },
    {
      kind: 'DEFINITION',
      title: 'Samhandling',
      text: 'Samhandling betyr å arbeide sammen for å løse en oppgave og der alle har ansvar for å nå et felles mål. Alle er likeverdige parter, og man har ulike kompetanser som skal bidra inn for å finne gode løsninger. I samhandling er man nysgjerrig på hverandres ferdigheter og kompetanse, og alle byr på sine ressurser. En forutsetning for å lykkes med samhandling er at det er gode møteplasser som har god kultur og struktur, med barnets beste som fokus og medvirkning som gjennomgående arbeidsmåte.',
    },
    {
      kind: 'DEFINITION',
      title: 'Inkludering',
      text: 'Inkludering er en opplevelse mer enn en fysisk plassering. For å føle seg inkludert må man ha en opplevelse av å være en likeverdig del av aktiviteter sammen med andre. Det kan være læring, sosiale eller fysiske aktiviteter. For at barn skal oppleve seg inkludert, setter det krav til hele lokalsamfunnet, barnehage/skole, fritidsaktiviteter, nabolaget og sosiale medier. En bevisst holdning rundt inkludering er også en forebyggende aktivitet, barn som opplever seg ekskludert vil ofte ty til negativ atferd for å få oppmerksomhet.',
    },
    {
      kind: 'DEFINITION',
      title: 'Hva er god hjelp, hva er gode tiltak?',
      text: 'God hjelp og gode tiltak er innsats som settes inn for at barnet/ungdommen/familien skal greie seg bedre, bli selvstendige og mestre livet sitt så godt som mulig ut fra de forutsetningene de har. Det er viktig at hjelpen som settes inn evalueres jevnlig og at man slutter med tiltak som ikke virker. Vi bruker handlingsrommet og ser etter nye ressurser og nye muligheter når de tradisjonelle metodene ikke gir effekt. Handlingsplikten slår inn, og alle som er i laget rundt barnet byr på sin kompetanse og sine ressurser for å bedre situasjonen. Barn og familie skal oppleve seg som jevnbyrdige samarbeidspartner. hjelpen er styrkebasert, målrettet og gir effekt.',
    },
    {
      kind: 'IMPLEMENTATION',
      title: 'Veien videre – hva skjer nå?',
      text: 'Planen skal virke, den skal ha en forpliktende utgang. For å nå intensjonene med planen må man sikre at det faktisk skjer en praksisendring. De rutinene som skisseres må implementeres for alle ansatte som jobber med barn og foresatte, og det må skapes en god forståelse for hvorfor man foretar endringer og utvikler ny praksis.\n\nTidsplan og tiltak:\n\nStyringsgruppen og arbeidsgruppen fortsetter sitt arbeid til planen er implementert og ny praksis er etablert.\n\nDet tverrfaglige samarbeidsteamet vil erstatte dagens arbeid i OBS-team og BUT-team. Samtidig vil medlemmene i arbeidsgruppen lede og koordinere det tverrfaglige arbeidet på kommunalt nivå.',
    },
    {
      kind: 'PROCESS',
      title: 'Hvem har bidratt til denne planen',
      text: 'Deltagere på samlingene: Ledere og ansatte fra skoler, barnehager, PPT, barnevern, kultur, helse og andre tjenester som arbeider nær barn og familier i alle de fem kommunene.\n\nMed bistand fra KS Konsulent',
    },
  ],
  mainGoals: ['Flere utsatte barn og familier skal få den hjelpen de trenger på et tidlig tidspunkt'],
  goals: [
    {
      title:
        'Kommunen har systematisert et forebyggende arbeid i alle faser av barnets oppvekst. Et forebyggende arbeide der alle barn og foresatte opplever den samme kvalitet, møter samme kompetanse og like rutiner',
    },
    {
      title: 'Barn og unge som trenger hjelp blir oppdaget tidlig og får rask hjelp uavhengig av om utfordringen gjelder lærevansker, psykisk eller fysisk helse eller familiesituasjonen.',
    },
    { title: 'Barn, unge og dere familier får helhetlig og koordinert hjelp' },
    { title: 'Alle barn og unge opplever et godt og inkluderende oppvekst-, leke- og læringsmiljø' },
    { title: 'Ungt utenforskap tas tak i og det gis riktig hjelp' },
  ],
  focusAreas: [
    {
      title: 'Tverrfaglig samhandling',
      whatWeAchieve:
        'Barn og familier opplever at den hjelpen de får er samkjørt og helhetlig. Medvirkningen oppleves reell. Alle deltakere i de tverrfaglige møtene opplever seg som likeverdige parter. Foresatte og ansatte i tjenestene opplever at de får adekvate råd og veiledning for å tilpasse sin praksis til barnets beste',
      howWeDoIt:
        '- Vi etablerer faste tverrfaglige samhandlingsteam (TST) på alle skoler og barnehager\n- Faste deltagere: skole/barnehage, PPT, helsesykepleier og barnevern, og det er møteplikt. NAV og andre instanser kobles på ved behov.\n- Teamets møteplass er ute på den enkelte enhet\n- Teamets mandat er både på systemnivå for utvikling av faglige kompetansen på enheten og blant medlemmene, og på individnivå for å hjelpe barn og foresatte.\n- Mandatet er også å komme med råd og veiledning i en tidlig fase, før eventuell utredning.\n- Teamets medlemmer setter av minimum 2,5 timer til de konkrete møtepunktene, og møtene har tre elementer:\n 1. Generell diskusjon om tilstanden på enheten eller planlegging av aktiviteter.\n 2. Veiledning av ansatte eller kompetanseheving i personalet og temaet.\n 3. Observasjon eller samtaler med barn/foresatte.\n- Møtene har en klar møteledelse og alle medlemmene har myndighet til å utforme tiltak\n- Alle møtedeltakerne deltar for å by på sin kompetanse og sine ressurser.\n- Møtene avholdes minst 2 ganger i høstsemesteret og 3 ganger i vår semesteret, avhengig av tjenestestedets størrelse. De største virksomhetene kan ha månedlige møter. Hyppighet prøves ut og evalueres.\n- Møtene følger en felles mal som styrer agendaen i møtet.\n- Det er sammenheng mellom dette teamet og øvrige tverrfaglig samhandlingsteam på kommunalt nivå, med tydelige rutiner for informasjonsflyt og bistand.',
      rolesAndResponsibility:
        '- Møtene ledes av ansatte/ledere som har kompetanse i å lede tverrfaglige møter og møtedeltakerne har fått delegert nok ansvar til å være beslutningsdyktige\n- De som representerer ulike profesjoner, har myndighet til å ta bestemmelser på vegne av sin tjeneste.\n- Barn, unge og foresatte inviteres inn som likeverdige deltakere og med et felles ansvar for å finne gode løsninger',
    },
    {
      title: 'Forebygging',
      whatWeAchieve:
        'Vi arbeider forebyggende for å redusere behov for ekstra hjelp både for barn og familier. Det forebyggende arbeidet foregår i hele oppvekstløpet og er tilpasset de ulike utviklingstrinnene hos barnet.',
      howWeDoIt:
        '- Vi jobber systematisk og målrettet for å sikre høy faglig kvalitet i alle tjenester\n- Vi sikrer at alle barn og familier opplever det samme nivå på tjenestene, uavhengig av hvilken barnehage, skole eller hjelpetjeneste de møter\n- Vi bruker den samlede kompetansen i kommunen til å gjøre både ansatte og foresatte gode til å møte barna med de aktiviteter og læring som er nødvendig for å skape mestringsopplevelser og positiv utvikling\n- Vi har fokus på de helhetlig rammebetingelser til familien, hvor bolig, inntekt og fritid også er viktige element.\n- Vi jobber sammen for å skape et oppvekstmiljø som er aktivt, inkluderende og variert slik at det treffer alle barn\n- Vi tilbyr systematisk foreldreveiledning til alle foreldre. Det lages konkrete og forpliktende rutiner på hvem som skal gjøre hva på ulike alderstrinn. De ulike temaene planlegges og gjennomføres av en tverrfaglig sammensatt gruppe.',
      rolesAndResponsibility:
        '- Alle som arbeider med barn og unge har et ansvar for å bidra i det forebyggende arbeidet.\n- Ledelsen har et overordnet ansvar for å se helheten og at forebyggende arbeidet er strukturert og er i forkant av barnets utvikling',
    },
    {
      title: 'Tidlig innsats',
      whatWeAchieve: 'Vi oppdager barn og foreldre i risiko, og sammen hjelper dem så tidlig som mulig i deres liv slik at en forhindrer skjevutvikling.',
      howWeDoIt:
        '- Vi har kartlegginger og systemer for å fange opp, og som er lik for alle barn\n- Vi definerer begrepet uro, når bør vi bli urolig?\n- Vi handler på tegn eller risikoindikatorer før problemene utvikler seg\n- Vi samhandler med barn og familier som ressurser\n- Vi kobler på rett kompetanse til rett tid og samhandler tverrfaglig.\n- Vi tar ansvar for samhandling og sikrer at barn og foresatte opplever et lag rundt barnet der alle jobber mot samme mål\n- Vi setter inn, følger opp og evaluerer tiltak\n- Vi gjør ikke mer av det som ikke virker, vi gjør noe nytt\n- Vi har felles kompetanseheving jevnlig\n- Vi har felles rutiner for bekymringsmelding. Rutinene er godt kjent, forpliktende og lett å bruke.\n- Vi har felles digitale systemer',
      rolesAndResponsibility:
        '- Alle ansatte som arbeider med barn og unge har en plikt til å handle når de får uro for et barn eller ser at utviklingen ikke går som forventet, både faglig og sosialt. Det skal løses hos dem som er nærmest barnet, om nødvendig sammen med rett tverrfaglig kompetanse.\n- Den som blir forespurt om å bidra er pliktig til å delta med sin kompetanse og sine ressurser.\n- Ledelsen er ansvarlig for at rutiner er kjent og praksis følges',
    },
    {
      title: 'Kompetanseheving',
      whatWeAchieve: 'Kompetansen er nær barnet. Det betyr i praksis at de ansatte som er nærmest barnet og foresatte har nødvendig kompetanse for å gi barnet best mulig hjelp.',
      howWeDoIt:
        '- Vi har oversikt over hvilken kompetanse vi har og hvor vi skal få tak i det som mangler\n- Vi har arenaer og møteplasser hvor kompetanse deles\n- Vi har en kultur og strukturer der det er naturlig å by på sin kompetanse og en nysgjerrighet og anerkjennelse for å lære og ta i bruk andres kompetanse\n- Vi gjennomfører systematisk kompetanseheving på generelt grunnlag for alle som er nær barna og gir riktig kompetanse når barn trenger noe spesielt\n- Vi gjennomfører jevnlig kompetanseheving på forebygging og tidlig innsats\n- Vi har en klar forståelse for hva som kan gjøres innenfor egen kompetanse og hva man må samhandle med andre om\n- Vi har kompetanse på å lede og delta i tverrfaglig samhandling\n- Vi har kompetanse på brukermedvirkning som gir reell og opplevd medvirkning og hvor barn og foreldre opplever seg som samarbeidspartnere\n- Vi har kompetanse i å snakke med barn og unge\n- Alle faginstanser byr på sin kompetanse på arenaer der de når flest mulig.\n\nVi lærer av hverandre\nVi lærer sammen\nVi er oppdaterte og kompetente',
      rolesAndResponsibility:
        '- Den enkelte ansatte har plikt til å ha oppdatert kompetanse innen sitt fagområde\n- Den ansatte har også plikt til å samarbeide med andre når sin egen kompetanse ikke er tilstrekkelig\n- Ledelsen har ansvar for at organisasjonen har tilstrekkelig kompetanse til å utføre sine oppgaver, enten internt eller sammen med andre.',
    },
  ],
  measures: [
    {
      title: 'Faste tverrfaglige samhandlingsteam (TST) på alle skoler og barnehager',
      description:
        'Teamets mandat er både på systemnivå for utvikling av faglige kompetansen på enheten og blant medlemmene, og på individnivå for å hjelpe barn og foresatte.\nMandatet er også å komme med råd og veiledning i en tidlig fase, før eventuell utredning.\nTeamets medlemmer setter av minimum 2,5 timer til de konkrete møtepunktene, og møtene har tre elementer:\n1. Generell diskusjon om tilstanden på enheten eller planlegging av aktiviteter.\n2. Veiledning av ansatte eller kompetanseheving i personalet og temaet.\n3. Observasjon eller samtaler med barn/foresatte.',
      organisation:
        'Faste deltagere: skole/barnehage, PPT, helsesykepleier og barnevern, og det er møteplikt. NAV og andre instanser kobles på ved behov.\nTeamets møteplass er ute på den enkelte enhet\nMøtene har en klar møteledelse og alle medlemmene har myndighet til å utforme tiltak\nAlle møtedeltakerne deltar for å by på sin kompetanse og sine ressurser.\nMøtene følger en felles mal som styrer agendaen i møtet.\nDet er sammenheng mellom dette teamet og øvrige tverrfaglig samhandlingsteam på kommunalt nivå, med tydelige rutiner for informasjonsflyt og bistand.\nDet tverrfaglige samarbeidsteamet vil erstatte dagens arbeid i OBS-team og BUT-team.',
      timeFrame:
        'Møtene avholdes minst 2 ganger i høstsemesteret og 3 ganger i vår semesteret, avhengig av tjenestestedets størrelse. De største virksomhetene kan ha månedlige møter. Hyppighet prøves ut og evalueres.',
      focusArea: 'Tverrfaglig samhandling',
      responsible: [
        { role: 'Skole/barnehage', responsibility: 'PARTICIPANT' },
        { serviceCode: 'ppt', responsibility: 'PARTICIPANT' },
        { role: 'Helsesykepleier', responsibility: 'PARTICIPANT' },
        { serviceCode: 'barnevern', responsibility: 'PARTICIPANT' },
      ],
    },
  ],
  bodies: [
    {
      kind: 'STEERING_GROUP',
      name: 'Styringsgruppe',
      description:
        'Kommunedirektørforum har vært styringsgruppe, og det har vært rapportert jevnlig til denne enheten.\n\nStyringsgruppen og arbeidsgruppen fortsetter sitt arbeid til planen er implementert og ny praksis er etablert.',
      members: [
        { role: 'kommunedirektør', personName: 'Erling Strålberg', municipalityNumber: '3427' },
        { role: 'kommunedirektør', personName: 'Siv Stuedal Sjøvold', municipalityNumber: '3426' },
        { role: 'kommunedirektør', personName: 'Anne Lise Trøen', municipalityNumber: '3424' },
        { role: 'kommunedirektør', personName: 'Per Arne Aaen', municipalityNumber: '3428' },
        { role: 'kommunedirektør', personName: 'Torill Tjeldnes', municipalityNumber: '3429' },
      ],
    },
    {
      kind: 'WORKING_GROUP',
      name: 'Prosjektgruppe',
      description:
        'Det ble nedsatt en arbeidsgruppe bestående av representanter fra alle kommunene og det er i prosessen gjennomført en samling med de strategiske ledergruppene og fire samlinger med ledere fra hele oppvekstfeltet i kommunene med mål om felles kompetanseheving og innsikt/innspill.\n\nStyringsgruppen og arbeidsgruppen fortsetter sitt arbeid til planen er implementert og ny praksis er etablert. Samtidig vil medlemmene i arbeidsgruppen lede og koordinere det tverrfaglige arbeidet på kommunalt nivå.',
      members: [
        { role: 'kommunalsjef oppvekst', personName: 'Erik Hojem Garmager', municipalityNumber: '3428' },
        { role: 'sectorleder Velferd Helse', personName: 'Bård Sundmoen Ås', municipalityNumber: '3426' },
        { role: 'enhetsleder oppvekst', personName: 'Stian Tørhaug', municipalityNumber: '3429' },
        { role: 'oppvekstsjef', personName: 'Marie Giil', municipalityNumber: '3424' },
        { role: 'prosjektleder', personName: 'Hege Hoel', municipalityNumber: '3427' },
        {
          role: 'barnevernsleder Nord-Østerdal interkommunale barneverntjeneste',
          personName: 'Kjersti Sommerstad Juveli',
          serviceCode: 'barnevern',
        },
      ],
    },
  ],
  milestones: [
    {
      dueTerm: 'SPRING',
      dueYear: 2023,
      title: 'Planen vedtas politisk.',
      doneOnAdoption: true,
      description:
        'Det igangsettes et tverrfaglig arbeid for å utvikle detaljerte tiltak for forebygging og tidlig innsats i tråd med retningslinjene i den strategiske planen. Representanter fra barnevern, PPT, helse og NAV involveres sammen med ledere fra alle kommunene. Strukturer som involverer de interkommunale tjenestene må tilstrebes å være så like som mulig. Disse strukturene er klare til skolestart august 2023.',
    },
    {
      dueTerm: 'AUTUMN',
      dueYear: 2023,
      title: 'Kompetansekartlegging – hva har vi av kompetanse i kommunene for å arbeide etter planen, hva mangler vi? Hva gjør vi for å dekke kompetansegapene?',
      perMunicipality: true,
      description:
        'Implementering for alle ansatte, skape felles forståelse\nTrene på å gjennomføre de ulike elementene i planen, evaluering av egen praksis\nRapportering til politisk nivå på hvilke strukturer som er etablert, og hvordan det arbeides i kommunene.',
    },
    {
      dueTerm: 'SPRING',
      dueYear: 2024,
      title: 'Sikring på at alle jobber etter ny plan, slik gjøre vi det nå.',
      description: 'Evaluering, hva fungerer godt, hva må vi endre?\nRapportering til politisk nivå, evaluering av ny praksis og gevinster av de nye arbeidsformene.',
    },
  ],
};
