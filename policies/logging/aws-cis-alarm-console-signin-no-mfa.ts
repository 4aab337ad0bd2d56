import { cisMonitoringRule } from '../_lib/cis-monitoring.js';

export default cisMonitoringRule('console-signin-no-mfa');
