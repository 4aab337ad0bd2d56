import rule from '../../../policies/logging/aws-cis-alarm-security-group-changes.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('security-group-changes'));
