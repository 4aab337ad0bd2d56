import rule from '../../../policies/logging/aws-cis-alarm-unauthorized-api-calls.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('unauthorized-api-calls'));
