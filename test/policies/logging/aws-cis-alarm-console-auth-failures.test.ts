import rule from '../../../policies/logging/aws-cis-alarm-console-auth-failures.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('console-auth-failures'));
