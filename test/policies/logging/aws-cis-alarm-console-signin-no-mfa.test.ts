import rule from '../../../policies/logging/aws-cis-alarm-console-signin-no-mfa.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('console-signin-no-mfa'));
