import { useEffect, useRef, useState } from 'react';
import type { ResolvedQuiz } from '../../metrics/lesson.ts';
import type { Pending } from '../hooks/useLesson.ts';
import { formatUs } from '../format.ts';

interface Props {
  pending: Pending;
  onAnswer: (guess: string | number) => void;
  onContinue: () => void;
}

/**
 * A question the playhead reached: the learner answers (a choice or a number) before the run
 * goes on, then sees whether the guess was right, the run's answer and the explanation.
 */
export function QuizDialog({ pending, onAnswer, onContinue }: Props) {
  const q = (pending.stop as { quiz: ResolvedQuiz }).quiz;
  const a = pending.answer;
  const ref = useRef<HTMLDivElement>(null);
  const [num, setNum] = useState('');
  useEffect(() => {
    // Focus the dialog, not the first choice, so a stray Space cannot answer for the learner.
    const target = a ? ref.current?.querySelector('[data-testid=quiz-continue]') : ref.current?.querySelector('input') ?? ref.current;
    (target as HTMLElement | null | undefined)?.focus();
  }, [a]);
  return (
    <div className="overlay quiz-overlay" role="dialog" aria-modal="true" aria-labelledby="quiz-ask" data-testid="quiz">
      <div className="quiz" ref={ref} tabIndex={-1}>
        <p className="quiz-kicker">Predict, then see · {formatUs(q.tUs)}</p>
        <h2 id="quiz-ask">{q.ask}</h2>
        {!a && q.choices && (
          <div className="quiz-choices">
            {q.choices.map((c) => <button type="button" key={c} onClick={() => onAnswer(c)} data-testid="quiz-choice">{c}</button>)}
          </div>
        )}
        {!a && !q.choices && (
          <form className="quiz-number" onSubmit={(e) => { e.preventDefault(); if (num.trim() !== '' && Number.isFinite(Number(num))) onAnswer(Number(num)); }}>
            <input type="number" step="any" value={num} onChange={(e) => setNum(e.target.value)} aria-label="Your guess (a number)" data-testid="quiz-number" />
            <button type="submit" disabled={num.trim() === '' || !Number.isFinite(Number(num))}>Answer</button>
          </form>
        )}
        {!a && <p className="hint">Answer to see what happens: the run continues after you do.</p>}
        {a && (
          <div className={`quiz-outcome ${a.right ? 'right' : 'wrong'}`} data-testid="quiz-outcome" data-right={a.right}>
            <p className="verdict-line">{a.right ? '✓ Right.' : '✗ Not quite.'} You said <b>{String(a.guess)}</b>; the run’s answer: <b data-testid="quiz-answer">{formatAnswer(q)}</b>.</p>
            <p>{q.explain}</p>
            <button type="button" onClick={onContinue} data-testid="quiz-continue">Continue ▶</button>
          </div>
        )}
      </div>
    </div>
  );
}

function formatAnswer(q: ResolvedQuiz): string {
  if (typeof q.answer !== 'number') return q.answer;
  const rounded = Math.abs(q.answer) >= 100 ? Math.round(q.answer) : Math.round(q.answer * 10) / 10;
  const margin = q.number?.within !== undefined ? ` (±${q.number.within} counts)` : q.number?.withinFraction !== undefined ? ` (within ${Math.round(q.number.withinFraction * 100)}% counts)` : '';
  return `${rounded.toLocaleString('en')}${margin}`;
}
