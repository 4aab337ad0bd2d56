import rule from '../../../policies/logging/aws-cis-alarm-cmk-disable-deletion.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('cmk-disable-deletion'));
