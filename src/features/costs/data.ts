import { CostsSchema1732700000000 } from '../../../migrations/1732700000000-costs-schema';
import { CostsAlertPrivacy1733200000000 } from '../../../migrations/1733200000000-costs-alert-privacy';
import { CostsExportLabels1733210000000 } from '../../../migrations/1733210000000-costs-export-labels';
import { CostsKostraAccountsAndLedgerMappings1733650000000 } from '../../../migrations/1733650000000-costs-kostra-accounts-and-ledger-mappings';
import { CostsLedgerStatistics1733710000000 } from '../../../migrations/1733710000000-costs-ledger-statistics';
import { JobsWorkerRole1733840000000 } from '../../../migrations/1733840000000-costs-jobs-worker-role';
import { CostsAlertMessageKey1733850000000 } from '../../../migrations/1733850000000-costs-alert-message-key';
import * as entities from '../../entities/costs';
import { seedCosts } from '../../seed/costs';
import { DELIVER_ALERT, deliverAlert } from '../../services/costs/delivery';
import { kostraAccountsImport } from '../../services/costs/kostra-accounts-import';
import { ledgerErpImport } from '../../services/costs/ledger-erp-import';
import { ledgerImport } from '../../services/costs/ledger-import';
import { entitiesIn, FeatureData } from '../feature';

/** Monthly cost reports to the owner municipalities: keys, budgets, ledger, immutable report versions, alerts. */
export const costsData: FeatureData = {
  name: 'costs',
  entities: entitiesIn(entities),
  migrations: [
    CostsSchema1732700000000,
    CostsAlertPrivacy1733200000000,
    CostsExportLabels1733210000000,
    CostsKostraAccountsAndLedgerMappings1733650000000,
    CostsLedgerStatistics1733710000000,
    JobsWorkerRole1733840000000,
    CostsAlertMessageKey1733850000000,
  ],
  seed: seedCosts,
  importers: [ledgerImport, ledgerErpImport, kostraAccountsImport],
  tasks: { [DELIVER_ALERT]: deliverAlert },
};
