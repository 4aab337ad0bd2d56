/**
 * Privilege-escalation methods, evaluated over the union of an identity's policies.
 *
 * Sources: Rhino Security Labs' methods (RhinoSecurityLabs/Security-Research, aws_escalate.py; the same table
 * is in cloudsplaining and parliament) and the newer combinations catalogued by cloudsplaining's
 * pathfinding.cloud additions and Prowler's privilege_escalation.py.
 * `requires` is a list of requirements that must all hold; each lists alternative actions (any one suffices).
 */
import type { Grant, PermissionSet } from './iam-policy.js';

export interface EscalationMethod {
  id: string;
  /** What the attacker does. */
  description: string;
  requires: string[][];
  /**
   * Rhino lists sts:AssumeRole with the role-modifying methods: a user must then assume the role it changed.
   * A role changing itself needs no AssumeRole, so the requirement is added for users and groups only
   * (cloudsplaining drops it altogether).
   */
  assumeUnlessRole?: boolean;
  source: 'rhino' | 'pathfinding';
}

const PASS = ['iam:PassRole'];

export const ESCALATION_METHODS: EscalationMethod[] = [
  {
    id: 'CreateNewPolicyVersion',
    source: 'rhino',
    requires: [['iam:CreatePolicyVersion']],
    description: 'create a new default version of a managed policy it is attached to, granting itself anything',
  },
  {
    id: 'SetExistingDefaultPolicyVersion',
    source: 'rhino',
    requires: [['iam:SetDefaultPolicyVersion']],
    description: 'switch a managed policy to an older, more permissive version',
  },
  {
    id: 'CreateEC2WithExistingInstanceProfile',
    source: 'rhino',
    requires: [PASS, ['ec2:RunInstances']],
    description: 'launch an instance with a privileged role and read its credentials',
  },
  { id: 'CreateAccessKey', source: 'rhino', requires: [['iam:CreateAccessKey']], description: 'create access keys for another (more privileged) user' },
  {
    id: 'CreateLoginProfile',
    source: 'rhino',
    requires: [['iam:CreateLoginProfile']],
    description: 'set a console password on a user that has none and sign in as it',
  },
  { id: 'UpdateLoginProfile', source: 'rhino', requires: [['iam:UpdateLoginProfile']], description: "change another user's console password" },
  { id: 'AttachUserPolicy', source: 'rhino', requires: [['iam:AttachUserPolicy']], description: 'attach AdministratorAccess to itself' },
  { id: 'AttachGroupPolicy', source: 'rhino', requires: [['iam:AttachGroupPolicy']], description: 'attach AdministratorAccess to a group it belongs to' },
  {
    id: 'AttachRolePolicy',
    source: 'rhino',
    requires: [['iam:AttachRolePolicy']],
    assumeUnlessRole: true,
    description: 'attach AdministratorAccess to a role it can assume (or is)',
  },
  { id: 'PutUserPolicy', source: 'rhino', requires: [['iam:PutUserPolicy']], description: 'write an inline admin policy on itself' },
  { id: 'PutGroupPolicy', source: 'rhino', requires: [['iam:PutGroupPolicy']], description: 'write an inline admin policy on its group' },
  {
    id: 'PutRolePolicy',
    source: 'rhino',
    requires: [['iam:PutRolePolicy']],
    assumeUnlessRole: true,
    description: 'write an inline admin policy on a role it can assume (or is)',
  },
  { id: 'AddUserToGroup', source: 'rhino', requires: [['iam:AddUserToGroup']], description: 'add itself to a privileged group' },
  {
    id: 'UpdateRolePolicyToAssumeIt',
    source: 'rhino',
    requires: [['iam:UpdateAssumeRolePolicy']],
    assumeUnlessRole: true,
    description: "rewrite a privileged role's trust policy to let itself assume it",
  },
  {
    id: 'PassExistingRoleToNewLambdaThenInvoke',
    source: 'rhino',
    requires: [PASS, ['lambda:CreateFunction'], ['lambda:InvokeFunction']],
    description: 'create a Lambda function running as a privileged role, then invoke it',
  },
  {
    id: 'PassExistingRoleToNewLambdaThenTriggerWithNewDynamo',
    source: 'rhino',
    requires: [PASS, ['lambda:CreateFunction'], ['lambda:CreateEventSourceMapping'], ['dynamodb:CreateTable'], ['dynamodb:PutItem']],
    description: 'create a Lambda function with a privileged role and trigger it from a new DynamoDB stream',
  },
  {
    id: 'PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo',
    source: 'rhino',
    requires: [PASS, ['lambda:CreateFunction'], ['lambda:CreateEventSourceMapping']],
    description: 'create a Lambda function with a privileged role and trigger it from an existing stream',
  },
  {
    id: 'PassExistingRoleToNewGlueDevEndpoint',
    source: 'rhino',
    requires: [PASS, ['glue:CreateDevEndpoint']],
    description: 'create a Glue dev endpoint running as a privileged role and SSH into it',
  },
  {
    id: 'UpdateExistingGlueDevEndpoint',
    source: 'rhino',
    requires: [['glue:UpdateDevEndpoint']],
    description: "add its SSH key to an existing Glue dev endpoint and use that endpoint's role",
  },
  {
    id: 'PassExistingRoleToCloudFormation',
    source: 'rhino',
    requires: [PASS, ['cloudformation:CreateStack']],
    description: 'create a stack that runs as a privileged role',
  },
  {
    id: 'PassExistingRoleToNewDataPipeline',
    source: 'rhino',
    requires: [PASS, ['datapipeline:CreatePipeline']],
    description: 'create a data pipeline that runs commands as a privileged role',
  },
  {
    id: 'EditExistingLambdaFunctionWithRole',
    source: 'rhino',
    requires: [['lambda:UpdateFunctionCode']],
    description: "replace an existing function's code and act as its role",
  },
  // Newer combinations.
  {
    id: 'PassRoleToEC2SpotInstances',
    source: 'pathfinding',
    requires: [PASS, ['ec2:RequestSpotInstances']],
    description: 'request a spot instance with a privileged role',
  },
  {
    id: 'PassRoleToNewECSTask',
    source: 'pathfinding',
    requires: [PASS, ['ecs:RegisterTaskDefinition'], ['ecs:RunTask', 'ecs:StartTask', 'ecs:CreateService']],
    description: 'run an ECS task with a privileged task role',
  },
  {
    id: 'PassRoleToNewCodeBuildProject',
    source: 'pathfinding',
    requires: [PASS, ['codebuild:CreateProject'], ['codebuild:StartBuild', 'codebuild:StartBuildBatch']],
    description: 'run a CodeBuild project as a privileged service role',
  },
  {
    id: 'PassRoleToGlueJob',
    source: 'pathfinding',
    requires: [PASS, ['glue:CreateJob', 'glue:UpdateJob'], ['glue:StartJobRun', 'glue:CreateTrigger']],
    description: 'run a Glue job as a privileged role',
  },
  {
    id: 'PassRoleToSageMaker',
    source: 'pathfinding',
    requires: [PASS, ['sagemaker:CreateNotebookInstance', 'sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob']],
    description: 'run a SageMaker notebook or job as a privileged role',
  },
  {
    id: 'PassRoleToAppRunner',
    source: 'pathfinding',
    requires: [PASS, ['apprunner:CreateService']],
    description: 'run an App Runner service as a privileged role',
  },
  {
    id: 'PassRoleToCloudFormationStackSet',
    source: 'pathfinding',
    requires: [PASS, ['cloudformation:CreateStackSet'], ['cloudformation:CreateStackInstances']],
    description: 'deploy a stack set that runs as a privileged role',
  },
  {
    id: 'ModifyEC2InstanceUserData',
    source: 'pathfinding',
    requires: [['ec2:ModifyInstanceAttribute'], ['ec2:StopInstances'], ['ec2:StartInstances']],
    description: "change a stopped instance's user data to run code as its role",
  },
  {
    id: 'NewEC2LaunchTemplateVersion',
    source: 'pathfinding',
    requires: [['ec2:CreateLaunchTemplateVersion'], ['ec2:ModifyLaunchTemplate']],
    description: 'make a launch template run its code with the template role',
  },
  {
    id: 'EC2InstanceConnectSSH',
    source: 'pathfinding',
    requires: [['ec2-instance-connect:SendSSHPublicKey']],
    description: 'push an SSH key to an instance and use its role',
  },
  {
    id: 'ECSExecuteCommand',
    source: 'pathfinding',
    requires: [['ecs:ExecuteCommand']],
    description: 'open a shell in a running container and use its task role',
  },
  {
    id: 'UpdateLambdaCodeThenInvoke',
    source: 'pathfinding',
    requires: [['lambda:UpdateFunctionCode'], ['lambda:InvokeFunction', 'lambda:AddPermission']],
    description: "replace a function's code and invoke it",
  },
  {
    id: 'SageMakerPresignedNotebookUrl',
    source: 'pathfinding',
    requires: [['sagemaker:CreatePresignedNotebookInstanceUrl']],
    description: 'open an existing notebook and use its role',
  },
  {
    id: 'CloudFormationChangeSet',
    source: 'pathfinding',
    requires: [['cloudformation:CreateChangeSet'], ['cloudformation:ExecuteChangeSet']],
    description: 'change an existing stack that runs with a privileged role',
  },
  {
    id: 'RotateAnotherUsersAccessKey',
    source: 'pathfinding',
    requires: [['iam:CreateAccessKey'], ['iam:DeleteAccessKey']],
    description: 'delete and recreate keys of a user that already has two',
  },
];

export interface EscalationHit {
  method: string;
  description: string;
  /** For each requirement, the action that satisfies it and the grants giving it. */
  actions: { action: string; grantedBy: Grant[] }[];
  /** Some required action is only granted under a condition (or may be taken away by a conditional Deny). */
  conditional: boolean;
}

const isConditional = (g: Grant) => g.condition !== undefined || g.conditionalDenies !== undefined;

/**
 * Methods an identity can use. With `unconstrainedOnly`, only grants on every resource count (a grant scoped
 * to `user/${aws:username}` does not let anyone escalate), as cloudsplaining does.
 */
export function findEscalations(
  set: PermissionSet,
  kind: 'user' | 'group' | 'role',
  unconstrainedOnly: boolean,
  methods = ESCALATION_METHODS,
): EscalationHit[] {
  const hits: EscalationHit[] = [];
  const grantsOf = (a: string) => (unconstrainedOnly ? set.unconstrainedGrants(a) : set.grants(a));
  for (const m of methods) {
    const reqs = m.assumeUnlessRole && kind !== 'role' ? [...m.requires, ['sts:AssumeRole']] : m.requires;
    const actions: EscalationHit['actions'] = [];
    for (const alternatives of reqs) {
      let best: { action: string; grantedBy: Grant[] } | undefined;
      for (const a of alternatives) {
        const g = grantsOf(a);
        if (g.length && (!best || (best.grantedBy.every(isConditional) && !g.every(isConditional)))) best = { action: a, grantedBy: g };
      }
      if (!best) break;
      actions.push(best);
    }
    if (actions.length !== reqs.length) continue;
    hits.push({ method: m.id, description: m.description, actions, conditional: actions.some((a) => a.grantedBy.every(isConditional)) });
  }
  return hits;
}
