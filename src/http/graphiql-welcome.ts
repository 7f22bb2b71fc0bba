/**
 * What GraphiQL at GET /graphql opens with: how to get a token and set the header, then one example
 * operation per kind of user (run one with ▶ and pick it). Every operation here is validated against
 * the schema by test/http.test.ts, so an example cannot rot.
 */
export const GRAPHIQL_WELCOME = `# Samvirke – GraphQL-API for interkommunale tjenester
#
# Uten token svarer API-et som for publikum: vedtatte planer, publisert statistikk (prikket), referansedata.
# Med token: lag et utviklertoken i en terminal i prosjektet, f.eks. for Folldals kommunedirektør:
#     npm run -s token -- --person kd-3429
# og lim det inn under «Headers» nederst:
#     { "Authorization": "Bearer <token>" }
# Andre personer i demodataene: ppt-tynset (PPT-rådgiver i TST-ene på Tynsets skoler).
# Roller: npm run -s token -- --role SERVICE_LEADER --service barnevern (tjenesteleder),
#         --role AUDITOR --municipality 3429 (kontrollutvalg), --role REGION_ADMIN (regionadministrator).
# Abonnementer (costAlertRaised) går over WebSocket på samme adresse.
#
# Velg et eksempel med ▶-knappen:

# Kommunedirektøren (kd-3429): «hvordan går det med de delte tjenestene i min kommune?» på ett skjermbilde
query KommunedirektorDashbord {
  municipalityDashboard(number: "3429") {
    services {
      service { name }
      ownLine { budgetYtdOre actualYtdOre forecastOre deviationOre }
      openAlerts { count }
      statistics { rows { metric { code } period value per1000Aged0To17 } }
    }
    fora { forumsByStatus { status count } summary { mandatoryAttendanceRate } }
    plans { overdueMilestones { dueBy } expiry { state } }
    hidden { part reason }
  }
}

# Kontrollutvalget (--role AUDITOR --municipality 3429): skiller én kommune seg ut? (tjenestens id fra Publikum)
query Kontrollutvalg($serviceId: ID!) {
  municipalityComparison(serviceId: $serviceId, from: "2019", to: "2022") {
    rows { municipality { name } metric { code } period per1000Aged0To17 }
  }
}

# Kommunedirektøren (kd-3429): kommunens andel av de delte tjenestenes kostnader i år
query KommunedirektorKostnader {
  ownedServiceCosts {
    service { name }
    keyMonth
    sharePercent
    own { budgetYtdOre actualYtdOre forecastOre deviationOre deviationPercent }
  }
}

# Kommunedirektøren: samarbeidsfora og TST i kommunen dette halvåret
query KommunedirektorFora {
  forumCompliance(period: "2026-AUTUMN", municipalityNumber: "3429") {
    summary { forums meetingsHeld forumsBelowMinimum mandatoryAttendanceRate unitsWithoutRequiredForum }
    forums { forum { name } belowMinimum }
  }
}

# Publikum (uten token): regionen, den vedtatte planen og tjenestene
query Publikum {
  region(code: "nord-osterdal") { name municipalities { number name } sharedServices { id name kind } }
  strategicPlans(regionCode: "nord-osterdal", status: ADOPTED) { nodes { title period } }
}

# Publikum: aktivitetsstatistikk (bytt inn tjenestens id fra Publikum); null + suppressed = prikket
query Statistikk($serviceId: ID!) {
  activityStatistics(serviceId: $serviceId, from: "2019", to: "2022", groupBy: [MUNICIPALITY, YEAR], metrics: ["reports_received"]) {
    view
    rows { municipality { name } period value suppressed }
  }
}

# Tjenesteleder (--role SERVICE_LEADER --service barnevern): tjenestens oppmøte i foraene
query Tjenesteleder {
  serviceForumLoad(period: "2026-AUTUMN") {
    service { name }
    owners { name }
  }
}

# Alle innloggede: hvem er jeg, og hvilke roller har jeg
query Meg {
  viewer { role roles }
}

# Tjenesteleder / vertskommunens økonomi: varsler om kostnadsavvik når de oppstår
subscription Kostnadsvarsler {
  costAlertRaised { id message }
}
`;
