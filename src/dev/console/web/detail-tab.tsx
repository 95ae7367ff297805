/** Detail: state, owner, restart count and policy, last failure, and the health chart. */
import type { ResourceDetail, ResourceSeries } from '../model/types.js';
import { StateBadge } from './common.js';
import { clock, duration, pollInterval } from './format.js';
import { HealthChart } from './health-chart.js';

function Row({ name, children }: { name: string; children: preact.ComponentChildren }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{children}</td>
    </tr>
  );
}

const check = (h: ResourceDetail['looksAlive']) =>
  h ? `${h.alive ? 'TRUE' : 'FALSE'} at ${clock(h.at)} (${h.ms.toFixed(2)} ms)` : 'not called yet';

export function DetailTab({
  detail: d,
  series,
}: {
  detail: ResourceDetail;
  series: ResourceSeries | null;
}) {
  const p = d.policy;
  return (
    <div class="detail">
      <div class="columns">
        <section aria-labelledby="state-h">
          <h2 id="state-h">State</h2>
          <table class="facts">
            <tbody>
              <Row name="State">
                <StateBadge state={d.state} />
              </Row>
              <Row name="Why">{d.why || '—'}</Row>
              <Row name="Owner node">{d.ownerNode ?? '(none)'}</Row>
              <Row name="Group">{d.group}</Row>
              <Row name="Wanted online">{d.wantOnline ? 'yes' : 'no'}</Row>
              <Row name="Monitor process">{d.monitorPid ?? '(none)'}</Row>
              <Row name="Last LooksAlive">{check(d.looksAlive)}</Row>
              <Row name="Last IsAlive">{check(d.isAlive)}</Row>
              <Row name="Depends on">{d.dependsOn.join(', ') || '—'}</Row>
            </tbody>
          </table>
        </section>
        <section aria-labelledby="restart-h">
          <h2 id="restart-h">Restarts and policy</h2>
          <table class="facts">
            <tbody>
              <Row name="Restarts in this period">
                <span data-restarts={d.restarts}>{d.restarts}</span> of RestartThreshold{' '}
                {p.restartThreshold}
              </Row>
              <Row name="RestartAction">
                {p.restartAction.value} ({p.restartAction.meaning})
              </Row>
              <Row name="RestartPeriod">{duration(p.restartPeriod)}</Row>
              <Row name="RestartDelay">{duration(p.restartDelay)}</Row>
              <Row name="RetryPeriodOnFailure">{duration(p.retryPeriodOnFailure)}</Row>
              <Row name="PendingTimeout">{duration(p.pendingTimeout)}</Row>
              <Row name="DeadlockTimeout">{duration(p.deadlockTimeout)}</Row>
              <Row name="LooksAlive / IsAlive poll">
                {pollInterval(p.looksAlivePollInterval)} / {pollInterval(p.isAlivePollInterval)}
              </Row>
              <Row name="SeparateMonitor">{p.separateMonitor ? 'yes' : 'no'}</Row>
            </tbody>
          </table>
          {d.timeScale !== 1 && <p class="note">Times are scaled by --time-scale {d.timeScale}.</p>}
        </section>
      </div>
      <section aria-labelledby="failure-h">
        <h2 id="failure-h">Last failure</h2>
        {d.lastFailure ? (
          <p class="last-failure">
            {clock(d.lastFailure.at)} on {d.lastFailure.node ?? '(no node)'}:{' '}
            <span class="reason">{d.lastFailure.why}</span>
          </p>
        ) : (
          <p class="last-failure">No failure since the console started.</p>
        )}
        {d.stayFailed && (
          <p class="stay-failed">
            Stays failed ({clock(d.stayFailed.at)}): {d.stayFailed.text}
          </p>
        )}
      </section>
      <section aria-labelledby="chart-h">
        <h2 id="chart-h">Health checks and state over time</h2>
        {series ? <HealthChart series={series} /> : <p>Loading…</p>}
      </section>
    </div>
  );
}
