-- :checkhealth liftsys: Neovim, Java, Python, the server and the DoWhy environment, with versions.
-- For a distribution it asks the launcher (bin/liftsys doctor --json), which applies the same
-- rules when it starts the server; for a checkout it looks at ./liftsys setup's outputs.
local M = {}

local health = vim.health or require('health')
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local error = health.error or health.report_error
local info = health.info or health.report_info

local function first_line(cmd)
  local out = vim.fn.systemlist(cmd)
  if vim.v.shell_error ~= 0 then
    return nil
  end
  return out[1]
end

local function check_distribution(installation)
  local out = vim.fn.system({ installation.launcher, 'doctor', '--json' })
  local decoded, report = pcall(vim.fn.json_decode, out)
  if not decoded or type(report) ~= 'table' or not report.java then
    error('the launcher could not check this machine: ' .. installation.launcher, { vim.trim(out) })
    return
  end
  ok(string.format('liftsys %s (distribution in %s)', report.version, report.dist))
  if report.java.ok then
    ok(string.format('Java %s (%s)', report.java.version, report.java.path))
  else
    error(report.java.problem, { 'Install a JDK or JRE 17 or later, or set JAVA_HOME.' })
  end
  if report.server.ok then
    ok('server: ' .. report.server.jar)
  else
    error('server jar missing: ' .. report.server.jar, { 'Unpack the distribution again.' })
  end
  if report.env.ready then
    ok('DoWhy environment ready: ' .. report.env.path)
  elseif report.python.ok then
    warn('DoWhy environment not made yet: ' .. report.env.path, {
      'It is made on the first start (a few minutes, once), or now with: ' .. installation.launcher .. ' setup-env',
    })
  end
  if report.python.ok then
    ok(string.format('Python %s for the environment (%s)', report.python.version, report.python.path))
  elseif not report.env.ready then
    error(report.python.problem .. '; effect sizes are unavailable, paths and distances work',
      { 'Install Python 3.10 or later with venv (python3-venv on Debian and Ubuntu), or set LIFTSYS_BASE_PYTHON.' })
  else
    info('no Python 3.10 found, but the environment is already made')
  end
end

local function check_checkout(installation)
  local root = vim.fn.fnamemodify(installation.launcher, ':h')
  ok('liftsys checkout: ' .. root)
  local java = first_line('java -version 2>&1')
  local major = java and tonumber(java:match('version "1%.(%d+)') or java:match('version "(%d+)'))
  if major and major >= 17 then
    ok('Java: ' .. java)
  else
    error('Java 17 or later is needed' .. (java and ('; found: ' .. java) or '; none found'))
  end
  local jar = root .. '/server/target/liftsys-server.jar'
  if vim.fn.filereadable(jar) == 1 then
    ok('server: ' .. jar)
  else
    error('server not built: ' .. jar, { 'Run ./liftsys setup in ' .. root })
  end
  local python = root .. '/.liftsys/dowhy-env/bin/python'
  local version = vim.fn.executable(python) == 1 and first_line({ python, '--version' })
  if version then
    ok(string.format('DoWhy environment: %s (%s)', python, version))
  else
    warn('DoWhy environment missing: ' .. python, { 'Run ./liftsys setup in ' .. root })
  end
end

function M.check()
  start('liftsys')
  local liftsys = require('liftsys')
  local v = vim.version()
  local nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch)
  if vim.fn.has('nvim-0.11') == 1 then
    ok('Neovim ' .. nvim .. ': vim.lsp.enable(\'liftsys\') (lsp/liftsys.lua) or require(\'liftsys\').setup()')
  elseif vim.fn.has('nvim-0.7') == 1 then
    ok('Neovim ' .. nvim .. ': require(\'liftsys\').setup()')
  else
    error('Neovim ' .. nvim .. ' is too old; liftsys needs 0.7 or later')
  end
  local installation = liftsys.installation()
  if installation.distribution then
    check_distribution(installation)
  elseif installation.launcher ~= 'liftsys' then
    check_checkout(installation)
  else
    warn('no liftsys launcher beside the plugin; the command is `liftsys serve` from PATH', {
      'Install the liftsys distribution as a Neovim package (see the README), or set cmd in setup().',
    })
  end
  local clients = liftsys.clients()
  if #clients == 0 then
    info('no liftsys server running (it starts when a Java file opens)')
  end
  for _, client in ipairs(clients) do
    local server = client.server_info
    ok(string.format('server running: %s %s, root %s', server and server.name or 'liftsys',
      server and server.version or '', tostring(client.config.root_dir)))
  end
end

return M
