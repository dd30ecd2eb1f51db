export function builderInvocation(
  env: NodeJS.ProcessEnv,
  extraArgs?: string[],
): { args: string[]; env: NodeJS.ProcessEnv; signed: boolean };
