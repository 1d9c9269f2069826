import { useCallback, useEffect, useMemo, useState } from 'react';
import { Playhead } from './hooks/playhead.ts';
import { useSimulation } from './hooks/useSimulation.ts';
import { useKeyboard } from './hooks/useKeyboard.ts';
import { crashAt, cutLinkAt, healLinkAt, isolateAt, promoteAt, reconnectAt, recoverAt } from './scenarios/edit.ts';
import type { Doc } from './scenarios/edit.ts';
import { decodeShare, makeShareLink } from './scenarios/share.ts';
import { ClusterView } from './views/cluster/ClusterView.tsx';
import type { Selection } from './views/cluster/ClusterView.tsx';
import { SpaceTime } from './views/spacetime/SpaceTime.tsx';
import { Charts } from './views/charts/Charts.tsx';
import { TimeControls } from './components/TimeControls.tsx';
import { Inspector } from './components/Inspector.tsx';
import type { WhatIf } from './components/Inspector.tsx';
import { ScenarioPanel, readFileAsText } from './components/ScenarioPanel.tsx';
import { SummaryPanel } from './components/SummaryPanel.tsx';
import { GroupReads } from './components/GroupReads.tsx';
import { Narration } from './components/Narration.tsx';
import { HelpOverlay } from './components/HelpOverlay.tsx';
import { Legend } from './components/Legend.tsx';
import { FailoverCaption, FailoverSteps, ModeBadge } from './components/FailoverSteps.tsx';
import { exposeForTests } from './testing-hook.ts';
import { useLesson } from './hooks/useLesson.ts';
import { lessonFromQuery } from './state/lesson.ts';
import { CoursePanel } from './components/CoursePanel.tsx';
import { LessonCard } from './components/LessonCard.tsx';
import { QuizDialog } from './components/QuizDialog.tsx';
import { CaptionStop } from './components/CaptionStop.tsx';
import './lesson.css';
import { RunStatus } from './components/RunStatus.tsx';
import type { RunTooLarge } from './worker/protocol.ts';
import { useFollow } from './hooks/useFollow.ts';
import { FollowBar } from './components/FollowBar.tsx';
import { FollowContext } from './components/FollowKey.tsx';

type Tab = 'lesson' | 'inspector' | 'scenario';

/** The scenario shown first (scenarios/photo-upload.yaml). */
const DEFAULT_SCENARIO = 'photo-upload.yaml';

export function App() {
  const playhead = useMemo(() => new Playhead(), []);
  const { run, error, busy, status, cancel, request, catalog, course, toYaml } = useSimulation(playhead);
  const lesson = useLesson(playhead, run);
  // The page opens on the course, unless the address names a lesson or carries a shared run.
  const [courseOpen, setCourseOpen] = useState(() => !lessonFromQuery(window.location.search) && !window.location.hash.startsWith('#run='));
  // The course covers the page: the run behind it should not play on unseen.
  const showCourse = useCallback(() => {
    playhead.pause();
    setCourseOpen(true);
  }, [playhead]);
  // Leaving lesson mode takes ?lesson= out of the address, so a reload or a copied link does not reopen it.
  const leaveLesson = useCallback(() => {
    lesson.open(null);
    if (window.location.search) window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  }, [lesson.open]);
  const [selection, setSelection] = useState<Selection>(null);
  const follow = useFollow(run?.timeline ?? null);
  const [tab, setTab] = useState<Tab>('scenario');
  const [help, setHelp] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  const [shareNote, setShareNote] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);

  const openLesson = useCallback((file: string, tUs = 0) => {
    setSelection(null);
    setCourseOpen(false);
    setTab('lesson');
    lesson.open(file, tUs);
    request({ kind: 'builtin', fileName: file }, false);
    // The address names the lesson, so a teacher can copy it (add &t=12s for a moment).
    window.history.replaceState(null, '', `?lesson=${encodeURIComponent(file.replace(/\.ya?ml$/, ''))}`);
  }, [request, lesson.open]);

  useEffect(() => {
    // A share link (#run=) carries an edited run and wins over the lesson named in the query.
    const shared = decodeShare(window.location.hash);
    if (shared?.ok) {
      request({ kind: 'document', document: shared.payload.document, fileName: shared.payload.fileName }, false);
      return;
    }
    const asked = lessonFromQuery(window.location.search);
    if (asked) {
      setTab('lesson');
      lesson.open(asked.file, asked.tUs);
      request({ kind: 'builtin', fileName: asked.file }, false);
      return;
    }
    if (shared && !shared.ok) setBanner(shared.message);
    request({ kind: 'builtin', fileName: DEFAULT_SCENARIO }, false);
  }, [request, lesson.open]);

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
    request({ kind: 'text', text, fileName }, false);
  }, [request, leaveLesson]);

  const openBuiltin = useCallback((fileName: string) => {
    setSelection(null);
    leaveLesson();
    request({ kind: 'builtin', fileName }, false);
  }, [request, leaveLesson]);

  const runDocument = useCallback((doc: Doc) => {
    if (run) request({ kind: 'document', document: doc, fileName: run.fileName }, true);
  }, [request, run]);

  const whatIf = useCallback((w: WhatIf) => {
    if (!run) return;
    playhead.pause();
    const t = playhead.tUs;
    const doc = run.document;
    const open = (f: Record<string, unknown>) => f.until === undefined;
    let next: Doc;
    if (w.kind === 'crash') next = crashAt(doc, w.node, t);
    else if (w.kind === 'recover') next = recoverAt(doc, w.node, t);
    else if (w.kind === 'cut') next = cutLinkAt(doc, w.a, w.b, t);
    else if (w.kind === 'promote') next = promoteAt(doc, w.node, t);
    else if (w.kind === 'isolate') next = isolateAt(doc, w.node, [...run.timeline.nodeIds, ...run.timeline.agents, ...run.timeline.groups], t);
    else if (w.kind === 'reconnect') next = reconnectAt(doc, w.node, t);
    else next = healLinkAt(doc, w.a, w.b, t, open);
    request({ kind: 'document', document: next, fileName: run.fileName }, true);
  }, [run, request, playhead]);

  const shorten = useCallback((r: RunTooLarge, seconds: number) => {
    request({ kind: 'document', document: { ...(r.document as Doc), duration: `${seconds}s` }, fileName: r.fileName }, false);
  }, [request]);

  const share = useCallback(() => {
    if (!run) return;
    const link = makeShareLink(run.fileName, run.document);
    if (!link.ok) return setShareNote(link.message);
    const hash = link.hash;
    window.history.replaceState(null, '', hash);
    const url = window.location.href;
    navigator.clipboard?.writeText(url).then(
      () => setShareNote('Link copied: it carries the scenario and seed, and reproduces this run.'),
      () => setShareNote('The address bar now holds the share link; copy it from there.'),
    );
    if (!navigator.clipboard) setShareNote('The address bar now holds the share link; copy it from there.');
  }, [run]);

  useKeyboard(playhead, run?.timeline ?? null, help, setHelp);

  const onDrop = (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files?.[0];
    if (f) readFileAsText(f, openText);
  };

  return (
    <div className={`app${dragging ? ' dragging' : ''}`} onDragOver={(e) => { e.preventDefault(); setDragging(true); }} onDragLeave={() => setDragging(false)} onDrop={onDrop}>
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
        <button type="button" className="course-btn" onClick={showCourse} data-testid="open-course">Course</button>
        <button type="button" className="help-btn" onClick={() => setHelp(true)} aria-label="Help (?)">?</button>
      </header>
      {banner && <div className="banner" role="alert" data-testid="banner">{banner} <button type="button" onClick={() => setBanner(null)} aria-label="Dismiss">✕</button></div>}
      <RunStatus status={status} onCancel={cancel} onShorten={shorten} />
      {run ? <TimeControls playhead={playhead} timeline={run.timeline} lesson={lesson.lesson} /> : <div className="time-controls placeholder">{error ? 'The scenario could not be run.' : busy ? 'Loading the simulator…' : 'No run yet: pick a scenario in the Scenario tab.'}</div>}
      <main className="grid">
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
            {tab === 'inspector' && run && <FollowContext.Provider value={follow}><Inspector playhead={playhead} timeline={run.timeline} selection={selection} onWhatIf={whatIf} busy={busy} /></FollowContext.Provider>}
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
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
