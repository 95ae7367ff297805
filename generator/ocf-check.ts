/** The check of a freshly built OCF agent: it answers meta-data by itself, as Pacemaker asks. */
import { BuildError } from './errors.js';
import { runTool } from './run-tool.js';

export async function checkOcfAgent(agent: string): Promise<void> {
  const r = await runTool(agent, ['meta-data']);
  if (r.code !== 0 || !r.output.includes('<resource-agent name=')) {
    throw new BuildError(
      'AGENT_CHECK_FAILED',
      `the built agent ${agent} did not answer meta-data (exit ${r.code}): ${r.output.slice(0, 300)}`,
    );
  }
}
