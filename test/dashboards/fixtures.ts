import { toGlobalId } from '../../src/global-id';
import { serviceId } from '../helpers/fixtures';
import { TestApp } from '../helpers/test-app';

/** Global ID of Nord-Østerdal's barnevern. */
export const barnevernId = async (app: TestApp) => toGlobalId('SharedService', await serviceId(app, 'barnevern', 'nord-osterdal'));
