import rule from '../../../policies/logging/aws-cis-alarm-route-table-changes.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('route-table-changes'));
