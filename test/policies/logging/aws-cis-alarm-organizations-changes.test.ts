import rule from '../../../policies/logging/aws-cis-alarm-organizations-changes.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('organizations-changes'));
