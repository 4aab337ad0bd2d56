import rule from '../../../policies/logging/aws-cis-alarm-s3-bucket-policy-changes.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('s3-bucket-policy-changes'));
