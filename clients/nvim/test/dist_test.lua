-- The plugin as a user installs it: inside the unpacked distribution (dist/liftsys-VERSION, a
-- Neovim package), on a machine without Python 3.10 (LIFTSYS_BASE_PYTHON names a program that is
-- no Python: fault injection) and with a fresh data directory. setup() tries to make the DoWhy
-- environment, says why it cannot, and starts the distribution's server anyway: paths and
-- distances work, effect sizes are degraded, and :checkhealth liftsys names the missing Python.
-- Run by ../test.sh with LIFTSYS_DIST, LIFTSYS_DATA_DIR and LIFTSYS_BASE_PYTHON set.
local api = vim.api
local uv = vim.uv or vim.loop
local dist = assert(os.getenv('LIFTSYS_DIST'), 'LIFTSYS_DIST is not set')
local root = assert(os.getenv('LIFTSYS_ROOT'), 'LIFTSYS_ROOT is not set')
vim.opt.runtimepath:prepend(dist)
vim.o.swapfile = false
vim.cmd('filetype on')
vim.cmd('runtime! plugin/liftsys.lua')

local passed, failed = 0, 0
local function check(name, ok, detail)
  if ok then passed = passed + 1 else failed = failed + 1 end
  io.stdout:write(string.format('  %s  %s%s\n', ok and 'ok  ' or 'FAIL', name,
    (not ok and detail) and ('\n          ' .. tostring(detail)) or ''))
  return ok
end

local function run()
  local notified = {}
  vim.notify = function(msg, level) notified[#notified + 1] = { msg = msg, level = level } end
  local project = uv.fs_realpath(vim.fn.fnamemodify(vim.fn.tempname(), ':h')) .. '/liftsys-nvim-dist'
  vim.fn.delete(project, 'rf')
  vim.fn.mkdir(project, 'p')
  vim.fn.writefile({ '<project/>' }, project .. '/pom.xml')
  local file = project .. '/Pricing.java'
  vim.fn.writefile(vim.fn.readfile(root .. '/examples/Pricing.java'), file)

  local liftsys = require('liftsys')
  local installation = liftsys.installation()
  check('the plugin finds the distribution\'s launcher', installation.launcher == dist .. '/bin/liftsys'
    and installation.distribution == dist, vim.inspect(installation))
  liftsys.setup({})
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = api.nvim_get_current_buf()
  local attached = vim.wait(60000, function()
    local c = liftsys.get_client(bufnr)
    return c ~= nil and c.initialized == true
  end, 50)
  if not check('without Python the server still starts and attaches', attached, vim.inspect(notified)) then
    return
  end
  check('the client runs bin/liftsys serve', liftsys.get_client(bufnr).config.cmd[1] == dist .. '/bin/liftsys')
  local told = vim.tbl_filter(function(n) return n.msg:find('DoWhy environment could not be made', 1, true) end, notified)[1]
  check('one message says the environment could not be made, and why', told ~= nil
    and told.msg:find('Python 3.10 or later is needed', 1, true) ~= nil, vim.inspect(notified))

  local impact = require('liftsys.impact')
  for i, text in ipairs(api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = text:find('double u', 1, true)
    if col then
      api.nvim_win_set_cursor(0, { i, col + 6 })
      break
    end
  end
  local tick = impact.state.tick
  vim.cmd('LiftsysImpact')
  vim.wait(15000, function() return impact.state.tick > tick end, 50)
  local result = impact.state.last and impact.state.last.result or {}
  check('paths and distances work', result.downstream and #result.downstream == 3, vim.inspect(impact.state.error))
  tick = impact.state.tick
  vim.cmd('LiftsysQuantify')
  vim.wait(60000, function() return impact.state.tick > tick end, 50)
  result = impact.state.last and impact.state.last.result or {}
  check('effect sizes are degraded: sidecar-unavailable', result.degraded and result.degraded ~= vim.NIL
    and result.degraded.reason == 'sidecar-unavailable', vim.inspect(result.degraded))

  vim.cmd('checkhealth liftsys')
  local report = table.concat(api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  check(':checkhealth liftsys: the distribution, Java, and the missing Python as an error',
    report:find('liftsys 0.1.0 (distribution in ' .. dist, 1, true) ~= nil and report:find('Java 1', 1, true) ~= nil
    and report:find('Python 3.10 or later is needed', 1, true) ~= nil and report:find('ERROR', 1, true) ~= nil, report)
end

local ok, err = xpcall(run, debug.traceback)
if not ok then
  check('the test ran to its end', false, err)
end
local liftsys = require('liftsys')
for _, client in ipairs(liftsys.clients()) do
  liftsys.stop_client(client)
end
vim.wait(3000, function() return #liftsys.clients() == 0 end, 50)
io.stdout:write(string.format('%d passed, %d failed\n', passed, failed))
vim.cmd(failed > 0 and 'cquit 1' or 'qall!')
