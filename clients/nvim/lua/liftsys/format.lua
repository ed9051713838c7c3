-- The words and numbers liftsys shows in Neovim (the float, the quickfix list, the end-of-line
-- notes), made from the server's answers: liftsys/causalImpact, liftsys/drivers and
-- liftsys/counterfactual. No buffers or windows here: impact.lua and explain.lua show them.
local M = {}

local function present(v)
  return v ~= nil and v ~= vim.NIL
end
M.present = present

--- Three significant digits as the server's inlay hints write them (Java's %.3g): 48.9, 4.00,
--- 0.0500, 1.23e+03; Lua's %#.3g would write 100 as "100." and differs in the exponent form.
--- A number JSON cannot carry (null on the wire: the answer's notes say what it was) reads "?".
local function sig3(v)
  if type(v) ~= 'number' then
    return '?'
  end
  if v ~= v or v == math.huge or v == -math.huge then
    return tostring(v)
  end
  if v == 0 then
    return '0.00'
  end
  local exponent = tonumber(string.format('%.2e', v):match('e([-+]%d+)$'))
  if exponent >= -4 and exponent < 3 then
    return string.format('%.' .. (2 - exponent) .. 'f', v)
  end
  return (string.format('%.2e', v):gsub('e([-+])0*(%d%d)$', 'e%1%2'))
end
M.number = sig3

--- A signed effect: +48.9, -0.500, +4.00.
function M.fmt(v)
  if type(v) ~= 'number' then
    return '?'
  end
  local s = sig3(v)
  return (v > 0 or (v == 0 and 1 / v > 0)) and ('+' .. s) or s
end
local fmt = M.fmt

--- "+48.9 [42.0, 56.3]"
function M.effect_text(e)
  return string.format('%s [%s, %s]', fmt(e.value), sig3(e.low), sig3(e.high))
end

--- "(length) " when the variable is not a plain number (the entry's `measures`), else "".
function M.measures_prefix(entry)
  return present(entry.measures) and ('(' .. entry.measures .. ') ') or ''
end

--- What a `measures` value means, in words.
function M.describe_measures(measures)
  local words = {
    length = 'its length',
    size = 'its size',
    ['non-null'] = 'the share of runs where it is not null',
    ordinal = "its ordinal (the enum constant's position)",
    ['char code'] = 'its char code',
    ['share true'] = 'the share of runs where it is true',
  }
  return words[measures] or measures
end

--- The reasons not to trust an effect (or why an entry has no estimate), in words; a server's
--- bare `unreliable` without reasons says what it meant then.
function M.reasons(e)
  if not present(e) then
    return {}
  end
  local out = {}
  for _, r in ipairs(present(e.reasons) and e.reasons or {}) do
    out[#out + 1] = r.message
  end
  if #out == 0 and e.unreliable == true then
    out[1] = 'The model explains this variable poorly.'
  end
  return out
end

--- "subtotal  local  distance 1  effect +3.00 [2.95, 3.05]  re-run +3.00 [3.00, 3.00]", then
--- "  ⚠ " and the reasons not to trust it; "t  local  distance 1  effect (length) +1.00 [...]";
--- an entry DoWhy gives no number for: "... not estimated  re-run +3.00 [...]  ⚠ why".
function M.entry_text(entry, direction)
  local text = string.format('%s  %s  distance %d', entry.name, entry.kind, entry.distance)
  local e, u = entry.effect, entry.unquantified
  local reasons = {}
  if present(e) then
    text = text .. '  effect ' .. M.measures_prefix(entry) .. M.effect_text(e)
    if present(e.observed) then
      text = text .. '  re-run ' .. M.effect_text(e.observed)
    end
    if e.disagrees then
      text = text .. '  disagrees'
    end
    reasons = M.reasons(e)
  elseif present(u) then
    text = text .. '  not estimated'
    if present(u.observed) then
      text = text .. '  re-run ' .. M.measures_prefix(entry) .. M.effect_text(u.observed)
    end
    reasons = M.reasons(u)
  end
  if #reasons > 0 then
    text = text .. '  ⚠ ' .. table.concat(reasons, ' ')
  end
  if direction then
    text = text .. '  (' .. direction .. ')'
  end
  return text
end

local function describe_value(v)
  return type(v) == 'string' and string.format('%q', v) or tostring(v)
end

function M.describe_intervention(intervention)
  if not intervention then
    return '+1'
  end
  if intervention.shift then
    return (intervention.shift >= 0 and '+' or '') .. tostring(intervention.shift)
  end
  return string.format('setting %s -> %s', describe_value(intervention.set.from), describe_value(intervention.set.to))
end

local function list_line(label, entries)
  if #entries == 0 then
    return label .. ' nothing'
  end
  local parts = {}
  for _, e in ipairs(entries) do
    local part = string.format('%s (%d)', e.name, e.distance)
    if present(e.effect) then
      part = part .. ' ' .. M.measures_prefix(e) .. fmt(e.effect.value) .. (#M.reasons(e.effect) > 0 and '?' or '')
    elseif present(e.unquantified) then
      part = part .. ' ?'
    end
    parts[#parts + 1] = part
  end
  return string.format('%s %d: %s', label, #entries, table.concat(parts, ', '))
end

local function reason_lines(lines, reasons)
  for _, r in ipairs(reasons) do
    lines[#lines + 1] = '    ⚠ ' .. r
  end
end

--- One line per quantified entry: the estimate with its interval and, where the code could be
--- re-run with the intervention applied, the measured effect beside it; what the number measures
--- when the variable is not a plain number; then a line per reason not to trust it. An entry
--- DoWhy gives no number for says so, with what the re-run measured and why.
function M.effect_lines(result)
  local lines = {}
  for _, e in ipairs(result.downstream or {}) do
    local what = present(e.measures) and (' (' .. e.measures .. ')') or ''
    if present(e.effect) then
      local level = present(e.effect.level) and e.effect.level or 0.95
      local line = string.format('  %s%s %s (%d%% interval)', e.name, what, M.effect_text(e.effect), math.floor(level * 100 + 0.5))
      if present(e.effect.observed) then
        line = line .. '; re-run ' .. M.effect_text(e.effect.observed)
        if e.effect.disagrees then
          line = line .. ', disagrees'
        end
      end
      lines[#lines + 1] = line
      reason_lines(lines, M.reasons(e.effect))
    elseif present(e.unquantified) then
      local u = e.unquantified
      local line = string.format('  %s%s not estimated', e.name, what)
      if present(u.observed) then
        line = line .. '; re-run ' .. M.effect_text(u.observed)
      end
      lines[#lines + 1] = line
      reason_lines(lines, M.reasons(u))
    end
  end
  local measured = {}
  for _, e in ipairs(result.downstream or {}) do
    if present(e.measures) and not measured[e.measures] and (present(e.effect) or present(e.unquantified)) then
      measured[e.measures] = true
      lines[#lines + 1] = string.format('  (%s): the change in %s', e.measures, M.describe_measures(e.measures))
    end
  end
  return lines
end

--- "sampled: price double in [-100, 200]; ..." (model.inputs), one input a line.
function M.input_lines(model)
  local inputs = present(model.inputs) and model.inputs or {}
  local names = vim.tbl_keys(inputs)
  table.sort(names)
  local lines = {}
  for i, id in ipairs(names) do
    lines[#lines + 1] = string.format('%s %s: %s', i == 1 and 'sampled' or '       ', (id:gsub('@in$', '')), inputs[id])
  end
  return lines
end

--- "runs: 500 planned, 500 completed, 48 threw (IllegalArgumentException 48)" (model.runs).
function M.runs_line(model)
  local r = model.runs
  if not present(r) then
    return nil
  end
  local parts = { string.format('%d planned', r.planned or 0), string.format('%d completed', r.completed or 0) }
  if present(r.kept) and present(r.completed) and r.kept ~= r.completed then
    parts[#parts + 1] = string.format('%d kept', r.kept)
  end
  local threw, total = {}, 0
  for class, count in pairs(present(r.threw) and r.threw or {}) do
    threw[#threw + 1] = { class, count }
    total = total + count
  end
  table.sort(threw, function(a, b) return a[2] > b[2] or (a[2] == b[2] and a[1] < b[1]) end)
  -- The attempts that did not return; `threw` lists the four most frequent classes only.
  if type(r.attempted) == 'number' and type(r.completed) == 'number' then
    total = math.max(total, r.attempted - r.completed)
  end
  if total > 0 then
    local each = {}
    for _, t in ipairs(threw) do
      each[#each + 1] = t[1] .. ' ' .. t[2]
    end
    parts[#parts + 1] = string.format('%d threw (%s)', total, table.concat(each, ', '))
  end
  if present(r.nonFinite) and r.nonFinite > 0 then
    parts[#parts + 1] = string.format('%d not finite', r.nonFinite)
  end
  return 'runs: ' .. table.concat(parts, ', ')
end

--- "note: ..." for each of the answer's notes.
function M.note_lines(notes)
  local lines = {}
  for _, note in ipairs(present(notes) and notes or {}) do
    lines[#lines + 1] = 'note: ' .. note
  end
  return lines
end

local function append(lines, more)
  for _, line in ipairs(more) do
    lines[#lines + 1] = line
  end
end

--- The lines of the floating summary of a liftsys/causalImpact answer.
function M.summary_lines(result, request)
  local subject = result.subject
  local lines = {}
  if subject.isMethod then
    lines[1] = string.format('%s (all parameters of %s)', subject.name, result.method.name)
  else
    lines[1] = string.format('%s (%s) in %s', subject.name, subject.kind, result.method.name)
  end
  local direction = request.direction
  if direction ~= 'upstream' then
    lines[#lines + 1] = list_line('affects', result.downstream or {})
  end
  if direction ~= 'downstream' then
    lines[#lines + 1] = list_line('depends on', result.upstream or {})
  end
  local model = result.model or {}
  if model.status == 'fitted' then
    local what = subject.isMethod and ('all parameters of ' .. result.method.name .. ' together') or subject.name
    lines[#lines + 1] = string.format('effects of %s on %s: %s, %d runs, fit %d ms%s',
      M.describe_intervention(request.intervention), what, tostring(model.engine), model.samples or 0,
      model.fitMillis or 0, model.cached and ' (cached)' or '')
    append(lines, M.effect_lines(result))
    append(lines, M.input_lines(model))
    lines[#lines + 1] = M.runs_line(model)
    append(lines, M.note_lines(model.notes))
  elseif model.status == 'degraded' and present(result.degraded) then
    lines[#lines + 1] = string.format('no effect sizes (%s): %s', result.degraded.reason, result.degraded.message)
  else
    lines[#lines + 1] = 'structural answer; :LiftsysQuantify for effect sizes'
  end
  return lines
end

--- "61.2%"
function M.share(v)
  if type(v) ~= 'number' then
    return '?'
  end
  return string.format('%.1f%%', v * 100)
end

--- "w  local  direct input  61.2%  130 [120, 140]" (a quickfix line of liftsys/drivers).
function M.driver_text(d, section)
  return string.format('%s  %s  %s  %s  %s [%s, %s]', d.name, d.kind, section, M.share(d.share),
    sig3(d.value), sig3(d.low), sig3(d.high))
end

--- The lines of the floating summary of a liftsys/drivers answer.
function M.drivers_lines(answer)
  local t = answer.target
  local lines = { string.format('what drives %s (%s) in %s', t.name, t.kind, answer.method.name) }
  if present(answer.degraded) then
    lines[#lines + 1] = string.format('no ranking (%s): %s', answer.degraded.reason, answer.degraded.message)
    append(lines, M.note_lines(answer.notes))
    return lines
  end
  local level = present(answer.level) and math.floor(answer.level * 100 + 0.5) or 95
  lines[#lines + 1] = string.format('share of the variance of %s, the value in its squared units [%d%% interval over %s resamples]',
    t.name, level, present(answer.bootstrap) and tostring(answer.bootstrap) or '?')
  for _, section in ipairs({ { 'direct inputs', answer.parents }, { 'everything upstream (its own part)', answer.ancestors } }) do
    local drivers = present(section[2]) and section[2] or {}
    lines[#lines + 1] = string.format('%s (%d):', section[1], #drivers)
    for _, d in ipairs(drivers) do
      lines[#lines + 1] = string.format('  %s %s  %s [%s, %s]', d.name, M.share(d.share), sig3(d.value), sig3(d.low), sig3(d.high))
    end
  end
  append(lines, M.note_lines(answer.notes))
  return lines
end

--- "run 0 (the first)", "run 3": the server's numbering of the traced runs.
function M.describe_run(run)
  return run == 0 and 'run 0 (the first)' or ('run ' .. tostring(run))
end

--- What changed in one run, modelled and measured: "4.92 -> 12.9 · DoWhy +8.00 [8.00, 8.00] · measured +8.00".
function M.replay_note(e)
  local after = present(e.counterfactual) and e.counterfactual or e.measured
  local parts = { string.format('%s -> %s', sig3(e.factual), sig3(after)) }
  parts[#parts + 1] = present(e.change) and ('DoWhy ' .. M.effect_text(e.change)) or 'DoWhy cannot replay it'
  if type(e.measured) == 'number' and type(e.factual) == 'number' then
    parts[#parts + 1] = 'measured ' .. fmt(e.measured - e.factual)
  else
    parts[#parts + 1] = 'not measured'
  end
  return table.concat(parts, ' · ')
end

--- The lines of the floating summary of a liftsys/counterfactual answer.
function M.counterfactual_lines(answer)
  local s = answer.subject
  local run = present(answer.run) and M.describe_run(answer.run) or 'a recorded run'
  local lines = { string.format('what if %s in %s of %s', present(answer.change) and answer.change or s.name, run,
    answer.method.name) }
  if present(answer.degraded) then
    lines[#lines + 1] = string.format('no replay (%s): %s', answer.degraded.reason, answer.degraded.message)
    append(lines, M.note_lines(answer.notes))
    return lines
  end
  local inputs = present(answer.inputs) and answer.inputs or {}
  local names = vim.tbl_keys(inputs)
  table.sort(names)
  local parts = {}
  for _, name in ipairs(names) do
    parts[#parts + 1] = name .. ' = ' .. sig3(inputs[name])
  end
  lines[#lines + 1] = 'inputs of ' .. run .. ': ' .. (#parts > 0 and table.concat(parts, ', ') or 'none')
  lines[#lines + 1] = string.format('changes (%d): recorded -> changed · DoWhy · measured', #(answer.entries or {}))
  for _, e in ipairs(answer.entries or {}) do
    lines[#lines + 1] = '  ' .. e.name .. ' ' .. M.replay_note(e)
  end
  if answer.available == false and present(answer.unavailable) then
    lines[#lines + 1] = 'DoWhy cannot replay this run: ' .. answer.unavailable
  end
  if present(answer.unmeasured) then
    lines[#lines + 1] = 'not measured: ' .. answer.unmeasured
  end
  for _, r in ipairs(M.reasons(answer)) do
    lines[#lines + 1] = '⚠ ' .. r
  end
  append(lines, M.note_lines(answer.notes))
  return lines
end

return M
