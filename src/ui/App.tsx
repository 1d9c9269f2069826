import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Playhead } from './hooks/playhead.ts';
import { useSimulation } from './hooks/useSimulation.ts';
import { useKeyboard } from './hooks/useKeyboard.ts';
import { whatIfDocument } from './scenarios/what-if.ts';
import type { Doc } from './scenarios/edit.ts';
import { useUrlState } from './hooks/useUrlState.ts';
import { parseUrl } from './scenarios/url.ts';
import type { UrlState } from './scenarios/url.ts';
import { ClusterView } from './views/cluster/ClusterView.tsx';
import type { Selection } from './views/cluster/ClusterView.tsx';
import { SpaceTime } from './views/spacetime/SpaceTime.tsx';
import { Charts } from './views/charts/Charts.tsx';
import { TimeControls } from './components/TimeControls.tsx';
import type { WhatIf } from './components/Inspector.tsx';
import { ScenarioPanel, readFileAsText } from './components/ScenarioPanel.tsx';
import { SummaryPanel } from './components/SummaryPanel.tsx';
import { GroupReads } from './components/GroupReads.tsx';
import { Narration } from './components/Narration.tsx';
import { Legend } from './components/Legend.tsx';
import { FailoverCaption, FailoverSteps, ModeBadge } from './components/FailoverSteps.tsx';
import { exposeForTests } from './testing-hook.ts';
import { useLesson } from './hooks/useLesson.ts';
import { CoursePanel } from './components/CoursePanel.tsx';
import { LessonCard } from './components/LessonCard.tsx';
import { QuizDialog } from './components/QuizDialog.tsx';
import { CaptionStop } from './components/CaptionStop.tsx';
import './lesson.css';
import './screens.css';
import './dark.css';
import { RunStatus } from './components/RunStatus.tsx';
import type { RunTooLarge } from './worker/protocol.ts';
import { Workspace, WorkspaceButtons, type WorkspaceKind } from './workspace/Workspace.tsx';
import { useFollow } from './hooks/useFollow.ts';
import { FollowBar } from './components/FollowBar.tsx';
import { FollowContext } from './components/FollowKey.tsx';

type Tab = 'lesson' | 'inspector' | 'scenario';

// Not needed for the first view: loaded when first opened.
const HelpOverlay = lazy(() => import('./components/HelpOverlay.tsx').then((m) => ({ default: m.HelpOverlay })));
const ExportDialog = lazy(() => import('./components/ExportDialog.tsx').then((m) => ({ default: m.ExportDialog })));
const EmbedDialog = lazy(() => import('./components/EmbedDialog.tsx').then((m) => ({ default: m.EmbedDialog })));
// Not on screen until something is selected (the Scenario tab is shown first).
const Inspector = lazy(() => import('./components/Inspector.tsx').then((m) => ({ default: m.Inspector })));

/** The scenario shown first (scenarios/photo-upload.yaml). */
const DEFAULT_SCENARIO = 'photo-upload.yaml';

export function App() {
  const playhead = useMemo(() => new Playhead(), []);
  const { run, error, busy, status, cancel, request, catalog, course, toYaml } = useSimulation(playhead);
  const lesson = useLesson(playhead, run);
  // The page opens on the course, unless the address names a scenario, a lesson or a shared run.
  const [courseOpen, setCourseOpen] = useState(() => {
    const u = parseUrl(window.location.search, window.location.hash);
    return !u.origin && u.view === 'full';
  });
  // The course covers the page: the run behind it should not play on unseen.
  const showCourse = useCallback(() => {
    playhead.pause();
    setCourseOpen(true);
  }, [playhead]);
  // Leaving lesson mode: the next run's address (pushed when it arrives) names no lesson.
  const leaveLesson = useCallback(() => lesson.open(null), [lesson.open]);
  const [selection, setSelection] = useState<Selection>(null);
  const follow = useFollow(run?.timeline ?? null);
  const [tab, setTab] = useState<Tab>('scenario');
  const [help, setHelp] = useState(false);
  const [dialog, setDialog] = useState<'export' | 'embed' | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [shareNote, setShareNote] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [workspace, setWorkspace] = useState<WorkspaceKind | null>(null);

  /** Opens what an address names (first visit, Back / Forward); returns the run's id. */
  const openAddress = useCallback((u: UrlState): number => {
    setSelection(null);
    const o = u.origin;
    if (o) setCourseOpen(false);
    if (o?.kind === 'lesson') {
      setTab('lesson');
      lesson.open(o.file, u.tUs ?? 0);
      return request(o.document !== undefined ? { kind: 'document', document: o.document, fileName: o.file } : { kind: 'builtin', fileName: o.file }, false);
    }
    lesson.open(null);
    setTab((t) => (t === 'lesson' ? 'scenario' : t));
    if (o?.kind === 'document') return request({ kind: 'document', document: o.document, fileName: o.fileName }, false);
    return request({ kind: 'builtin', fileName: o?.file ?? DEFAULT_SCENARIO, seed: o?.seed }, false);
  }, [request, lesson.open]);
  const url = useUrlState(playhead, run, busy, openAddress, setBanner);

  const openLesson = useCallback((file: string, tUs = 0) => {
    setSelection(null);
    setCourseOpen(false);
    setTab('lesson');
    lesson.open(file, tUs);
    // The address names the lesson, so a teacher can copy it (add &t=12s for a moment).
    url.track(request({ kind: 'builtin', fileName: file }, false), { kind: 'lesson', file }, 'push');
  }, [request, lesson.open, url.track]);

  useEffect(() => exposeForTests(playhead, () => run), [playhead, run]);

  const select = useCallback((s: Selection) => {
    // A click on a write's mark (request, ack, log entry) follows that write.
    if (s?.kind === 'msg') follow.followMessage(s.id);
    setSelection(s);
    if (s) setTab('inspector');
  }, [follow.followMessage]);

  const openText = useCallback((text: string, fileName: string) => {
    setSelection(null);
    setTab('scenario');
    leaveLesson();
    url.track(request({ kind: 'text', text, fileName }, false), { kind: 'document', fileName, document: undefined }, 'push');
  }, [request, leaveLesson, url.track]);

  const openBuiltin = useCallback((fileName: string) => {
    setSelection(null);
    leaveLesson();
    url.track(request({ kind: 'builtin', fileName }, false), { kind: 'scenario', file: fileName }, 'push');
  }, [request, leaveLesson, url.track]);

  const runDocument = useCallback((doc: Doc) => {
    if (run) url.track(request({ kind: 'document', document: doc, fileName: run.fileName }, true), url.originFor(doc, run.fileName), 'push');
  }, [request, run, url.track, url.originFor]);

  const whatIf = useCallback((w: WhatIf) => {
    if (!run) return;
    playhead.pause();
    const next = whatIfDocument(run.document, w, playhead.tUs, run.timeline);
    // A what-if is a history entry: Back undoes it.
    url.track(request({ kind: 'document', document: next, fileName: run.fileName }, true), url.originFor(next, run.fileName), 'push');
  }, [run, request, playhead, url.track, url.originFor]);

  const shorten = useCallback((r: RunTooLarge, seconds: number) => {
    const document = { ...(r.document as Doc), duration: `${seconds}s` };
    url.track(request({ kind: 'document', document, fileName: r.fileName }, false), { kind: 'document', fileName: r.fileName, document }, 'replace');
  }, [request, url.track]);

  const share = useCallback(() => {
    // The link carries the run, a fingerprint of its report and the playhead's time; the address bar shows it too.
    const link = url.shareLink();
    if (!link.ok) return setShareNote(link.message);
    navigator.clipboard?.writeText(link.url).then(
      () => setShareNote('Link copied: it carries the scenario and seed, and reproduces this run.'),
      () => setShareNote('The address bar now holds the share link; copy it from there.'),
    );
    if (!navigator.clipboard) setShareNote('The address bar now holds the share link; copy it from there.');
  }, [url.shareLink]);

  useKeyboard(playhead, run?.timeline ?? null, help, setHelp);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files?.[0];
    if (f) readFileAsText(f, openText);
  };

  return (
    <div className={`app view-${url.view}${dragging ? ' dragging' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
      <header className="top">
        <h1>repsim</h1>
        <span className="tagline">primary / replica replication, step by step</span>
        {run && (
          <span className="run-meta" data-testid="run-meta">
            <b>{run.timeline.scenario || run.fileName}</b> · seed {String(run.timeline.seed)} · {run.timeline.replication} · {run.timeline.nodeIds.length - 1} {run.timeline.nodeIds.length === 2 ? 'replica' : 'replicas'}
          </span>
        )}
        {run && <ModeBadge playhead={playhead} />}
        <span className="spacer" />
        {busy && <span className="busy" role="status">simulating…</span>}
        {run && !busy && <span className="perf" title={`Engine events (the report's), ${run.timeline.trace.count.toLocaleString('en')} trace records; the worker simulated and indexed the run in ${Math.round(run.simulateMs)} ms`}><span data-metric="events" data-value={run.report.events}>{run.report.events.toLocaleString('en')}</span> events · {Math.round(run.simulateMs)} ms</span>}
        {url.view === 'embed'
          ? <a className="open-in-repsim" href={url.pageUrl()} onClick={(e) => { e.currentTarget.href = url.pageUrl(); }} target="_blank" rel="noopener" data-testid="open-in-repsim">Open in repsim ↗</a>
          : <>
            <WorkspaceButtons open={workspace} onChange={setWorkspace} disabled={!run} />
            <button type="button" className="view-switch" onClick={() => setDialog('export')} disabled={!run} data-testid="open-export">Export…</button>
            <button type="button" className="view-switch" onClick={() => setDialog('embed')} disabled={!run} data-testid="open-embed">Embed…</button>
            <button type="button" className="view-switch" onClick={() => url.setView(url.view === 'present' ? 'full' : 'present')} aria-pressed={url.view === 'present'} data-testid="present">{url.view === 'present' ? 'Full page' : 'Present'}</button>
          </>}
        <button type="button" className="course-btn" onClick={showCourse} data-testid="open-course">Course</button>
        <button type="button" className="help-btn" onClick={() => setHelp(true)} aria-label="Help (?)">?</button>
      </header>
      {banner && <div className="banner" role="alert" data-testid="banner">{banner} <button type="button" onClick={() => setBanner(null)} aria-label="Dismiss">✕</button></div>}
      <RunStatus status={status} onCancel={cancel} onShorten={shorten} />
      {run ? <TimeControls playhead={playhead} timeline={run.timeline} lesson={lesson.lesson} /> : <div className="time-controls placeholder">{error ? 'The scenario could not be run.' : busy ? 'Loading the simulator…' : 'No run yet: pick a scenario in the Scenario tab.'}</div>}
      {workspace && run && <Workspace kind={workspace} playhead={playhead} run={run} builtins={catalog} busy={busy} onWhatIf={whatIf} onRunDocument={runDocument} onClose={() => setWorkspace(null)} />}
      <main className="grid" hidden={workspace !== null && run !== null}>
        <section className="panel cluster-panel" aria-label="Cluster">
          <header><h2>Cluster</h2>{run && <FollowBar follow={follow} playhead={playhead} timeline={run.timeline} />}<Legend /></header>
          {run && <ClusterView playhead={playhead} timeline={run.timeline} selection={selection} onSelect={select} follow={follow.path} />}
          {lesson.pending?.stop.kind === 'caption' ? <CaptionStop pending={lesson.pending} onContinue={lesson.proceed} /> : run && <Narration playhead={playhead} />}
          {run && <FailoverCaption playhead={playhead} />}
        </section>
        {run && <SpaceTime playhead={playhead} timeline={run.timeline} selection={selection} onSelect={select} follow={follow.path} />}
        <div className="mid">
          {run && <SummaryPanel playhead={playhead} timeline={run.timeline} report={run.report} hideFuture={!!lesson.lesson} />}
          {run && <FailoverSteps playhead={playhead} timeline={run.timeline} hideFuture={!!lesson.lesson} />}
          {run && <GroupReads playhead={playhead} timeline={run.timeline} report={run.report} />}
          {run && <Charts playhead={playhead} timeline={run.timeline} series={run.series} monitored={'monitor' in run.document} />}
        </div>
        <aside className="panel side" aria-label="Inspector and scenario">
          <div className="tabs" role="tablist">
            {lesson.lesson && <button type="button" role="tab" aria-selected={tab === 'lesson'} onClick={() => setTab('lesson')} data-testid="tab-lesson">Lesson</button>}
            <button type="button" role="tab" aria-selected={tab === 'inspector'} onClick={() => setTab('inspector')}>Inspector</button>
            <button type="button" role="tab" aria-selected={tab === 'scenario'} onClick={() => setTab('scenario')} data-testid="tab-scenario">Scenario</button>
          </div>
          <div className="tab-body">
            {tab === 'lesson' && run && lesson.lesson && lesson.file && (
              <LessonCard course={course} file={lesson.file} title={run.timeline.scenario || run.fileName} lesson={lesson.lesson}
                onOpen={openLesson} onCourse={showCourse} progressVersion={lesson.progressVersion} />
            )}
            {tab === 'lesson' && !lesson.lesson && <p className="hint">No lesson is open. <button type="button" onClick={showCourse}>Open the course</button></p>}
            {tab === 'inspector' && run && <FollowContext.Provider value={follow}><Suspense fallback={null}><Inspector playhead={playhead} timeline={run.timeline} selection={selection} onWhatIf={whatIf} busy={busy} /></Suspense></FollowContext.Provider>}
            {tab === 'scenario' && (
              <ScenarioPanel catalog={catalog} course={course} onOpenBuiltin={openBuiltin} toYaml={toYaml} fileName={run?.fileName ?? ''} pendingFileName={status.kind === 'running' ? status.fileName : undefined} document={run?.document ?? null} busy={busy} error={error}
                onOpenText={openText} onRunDocument={runDocument} onShare={share} shareNote={shareNote} />
            )}
            {tab === 'inspector' && error && <div className="error" role="alert">{error.message}</div>}
          </div>
        </aside>
      </main>
      {lesson.pending?.stop.kind === 'quiz' && <QuizDialog pending={lesson.pending} onAnswer={lesson.answer} onContinue={lesson.proceed} />}
      {courseOpen && <CoursePanel course={course} current={lesson.file} onOpen={openLesson} onClose={() => setCourseOpen(false)} progressVersion={lesson.progressVersion} />}
      {help && <Suspense fallback={null}><HelpOverlay onClose={() => setHelp(false)} /></Suspense>}
      {dialog === 'export' && run && <Suspense fallback={null}><ExportDialog run={run} playhead={playhead} onClose={() => setDialog(null)} /></Suspense>}
      {dialog === 'embed' && run && <Suspense fallback={null}><EmbedDialog embedUrl={url.pageUrl('embed')} title={run.timeline.scenario || run.fileName} onClose={() => setDialog(null)} /></Suspense>}
    </div>
  );
}
