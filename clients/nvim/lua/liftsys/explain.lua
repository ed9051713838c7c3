-- :LiftsysDrivers and :LiftsysCounterfactual: liftsys/drivers (what drives the variable under the
-- cursor, strongest first) and liftsys/counterfactual (one recorded run replayed with a change),
-- shown as :LiftsysQuantify's answers are: marks with end-of-line notes, the quickfix list and a
-- float (impact.lua shows them; format.lua has the words). :LiftsysClear and an edit inside the
-- method clear them too.
local M = {}

local format = require('liftsys.format')
local present = format.present

local function impact()
  return require('liftsys.impact')
end

-- A quickfix item at a range of the buffer, with the mark on it.
local function place(bufnr, range, group, text, placed, items, note, name)
  local line, col = impact().mark(bufnr, range, group)
  items[#items + 1] = { bufnr = bufnr, lnum = line + 1, col = col + 1, text = text }
  if note then
    placed[#placed + 1] = { line = line, text = note, name = name }
  end
end

-- One note per line; several on one line (parameters on a signature) each say whose it is:
-- "v ↑ 40.0% of z · u ↑ 99.0% of z".
local function merge_notes(placed)
  local by_line, order = {}, {}
  for _, p in ipairs(placed) do
    if not by_line[p.line] then
      by_line[p.line] = {}
      order[#order + 1] = p.line
    end
    table.insert(by_line[p.line], p)
  end
  local notes = {}
  for _, line in ipairs(order) do
    local parts = {}
    for _, p in ipairs(by_line[line]) do
      parts[#parts + 1] = (#by_line[line] > 1 and p.name) and (p.name .. ' ' .. p.text) or p.text
    end
    notes[#notes + 1] = { line = line, text = table.concat(parts, ' · ') }
  end
  return notes
end

--- Shows an answer of liftsys/drivers: each driver marked with "↑ 61.2% of z" (the direct inputs,
--- and what is upstream of them by its own part), in the quickfix list strongest first.
function M.show_drivers(bufnr, answer)
  local t = answer.target
  impact().begin(bufnr, answer.method and answer.method.range)
  impact().mark(bufnr, t.range, 'LiftsysSubject')
  local items, placed, seen = {}, {}, {}
  if not present(answer.degraded) then
    for _, section in ipairs({ { 'direct input', answer.parents }, { 'upstream', answer.ancestors } }) do
      for _, d in ipairs(present(section[2]) and section[2] or {}) do
        local text = format.driver_text(d, section[1])
        if present(d.range) then
          -- A variable both a direct input and upstream gets one note: its direct share; the
          -- target's own part (its noise) is in the list, not on its line.
          local note = not seen[d.name] and d.name ~= t.name and string.format('↑ %s of %s', format.share(d.share), t.name) or nil
          seen[d.name] = true
          place(bufnr, d.range, 'LiftsysUpstream', text, placed, items, note, d.name)
        else
          items[#items + 1] = { bufnr = bufnr, lnum = t.range.start.line + 1, col = 1, text = text }
        end
      end
    end
  end
  impact().notes(bufnr, merge_notes(placed))
  impact().present(bufnr, answer, {
    title = string.format('liftsys: what drives %s in %s', t.name, answer.method.name),
    items = items, lines = format.drivers_lines(answer), request = { drivers = true },
    unavailable = 'no ranking',
  })
end

--- Shows an answer of liftsys/counterfactual: the subject with the change, each downstream
--- variable with "recorded -> changed · DoWhy +8.00 [...] · measured +8.00".
function M.show_counterfactual(bufnr, answer)
  local s = answer.subject
  impact().begin(bufnr, answer.method and answer.method.range)
  local items, placed = {}, {}
  local run = present(answer.run) and format.describe_run(answer.run) or 'a recorded run'
  place(bufnr, s.range, 'LiftsysSubject', string.format('%s  %s  %s in %s', s.name, s.kind,
    present(answer.change) and answer.change or 'changed', run), placed, items,
    present(answer.change) and string.format('◆ %s in %s', answer.change, run) or nil, s.name)
  if not present(answer.degraded) then
    for _, e in ipairs(answer.entries or {}) do
      local note = format.replay_note(e)
      place(bufnr, e.range, 'LiftsysDownstream', string.format('%s  %s  %s', e.name, e.kind, note), placed, items, note, e.name)
    end
  end
  impact().notes(bufnr, merge_notes(placed))
  impact().present(bufnr, answer, {
    title = string.format('liftsys: what if %s in %s of %s', present(answer.change) and answer.change or s.name, run,
      answer.method.name),
    items = items, lines = format.counterfactual_lines(answer), request = { counterfactual = true },
    unavailable = 'no replay',
  })
end

--- :LiftsysDrivers: what drives the variable under the cursor (fits the method's model when none
--- is cached, as :LiftsysQuantify would).
function M.drivers()
  impact().ask('liftsys/drivers', {}, true, M.show_drivers)
end

--- Parses `shift N` or `set V` (a number, true or false), then optionally `run K` (0: the first).
function M.parse_counterfactual(args)
  local usage = 'usage: :LiftsysCounterfactual shift N | set V [run K]  (V a number or true/false; K the run, 0 the first)'
  local change
  if args[1] == 'shift' and tonumber(args[2]) then
    change = { shift = tonumber(args[2]) }
  elseif args[1] == 'set' and (tonumber(args[2]) or args[2] == 'true' or args[2] == 'false') then
    local v = tonumber(args[2])
    if v == nil then
      v = args[2] == 'true'
    end
    change = { set = { to = v } }
  else
    error(usage, 0)
  end
  if #args == 2 then
    return change, 0
  end
  local run = tonumber(args[4])
  if #args == 4 and args[3] == 'run' and run and run >= 0 and run == math.floor(run) then
    return change, run
  end
  error(usage, 0)
end

--- :LiftsysCounterfactual shift N | set V [run K]: the run K of the method's traced runs (the
--- first by default) replayed with the change, in DoWhy's model and in the code.
function M.counterfactual(args)
  local ok, change, run = pcall(M.parse_counterfactual, args or {})
  if not ok then
    vim.notify('liftsys: ' .. change, vim.log.levels.ERROR)
    return
  end
  impact().ask('liftsys/counterfactual', { intervention = change, run = run }, true, M.show_counterfactual)
end

return M
