import { Municipality } from '../entities/municipality';
import { OwnershipPeriod } from '../entities/ownership-period';
import { Region } from '../entities/region';
import { SharedService } from '../entities/shared-service';
import { Unit } from '../entities/unit';
import { registerNodeType } from './node-registry';

// Reference data: RLS decides visibility (own region, or public).
registerNodeType('Region', { entity: Region });
registerNodeType('Municipality', { entity: Municipality });
registerNodeType('SharedService', { entity: SharedService });
registerNodeType('OwnershipPeriod', { entity: OwnershipPeriod });
registerNodeType('Unit', { entity: Unit });
