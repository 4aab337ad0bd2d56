import rule from '../../../policies/logging/aws-cis-alarm-network-gateway-changes.js';
import { cisChainCases } from '../../support/cis-chain.js';
import { ruleTester } from '../../support/rule-tester.js';

ruleTester(rule, cisChainCases('network-gateway-changes'));
