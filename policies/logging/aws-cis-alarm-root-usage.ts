import { cisMonitoringRule } from '../_lib/cis-monitoring.js';

export default cisMonitoringRule('root-usage');
