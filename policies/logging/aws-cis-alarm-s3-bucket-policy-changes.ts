import { cisMonitoringRule } from '../_lib/cis-monitoring.js';

export default cisMonitoringRule('s3-bucket-policy-changes');
