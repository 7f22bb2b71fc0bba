import { showError } from './graphql.js';
import { finishSignIn } from './oidc.js';

finishSignIn().catch(showError);
