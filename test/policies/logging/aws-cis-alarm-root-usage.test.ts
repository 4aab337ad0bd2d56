import rule from '../../../policies/logging/aws-cis-alarm-root-usage.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('root-usage'));
