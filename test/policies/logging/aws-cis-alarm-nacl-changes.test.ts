import rule from '../../../policies/logging/aws-cis-alarm-nacl-changes.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('nacl-changes'));
